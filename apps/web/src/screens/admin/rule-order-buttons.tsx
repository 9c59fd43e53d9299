import { useAdminCommand } from '../../api/admin';
import { serviceLevelCommands, serviceLevelKeys, type InventoryRulesView } from '../../api/service-levels';
import { useI18n } from '../../i18n/i18n';
import { movedOrder, type Move } from './rule-order';

type RuleList = 'importRules' | 'entityRules';

/** The id of a rule's "Monter"/"Descendre" button, so that the focus can follow the rule it moved. */
export const moveButtonId = (list: RuleList, index: number, move: Move) => `${list}-${index}-${move}`;

/** Where the focus goes once the rule moved: the same button at its new place, else its other one (first, last). */
function focusAfter(list: RuleList, length: number, index: number, move: Move): string {
  const at = move === 'up' ? index - 1 : index + 1;
  const stillMoves = move === 'up' ? at > 0 : at < length - 1;
  return moveButtonId(list, at, stillMoves ? move : move === 'up' ? 'down' : 'up');
}

/**
 * GLPI's "Monter"/"Descendre" on an inventory rule (assets' `PUT /api/inventory-rules/order`, sent
 * with the rules' version read); `onMoved` gets the button to focus next.
 */
export function RuleOrderButtons(props: {
  list: RuleList;
  rules: InventoryRulesView;
  index: number;
  name: string;
  onMoved(focusId: string): void;
}) {
  const { t } = useI18n();
  const { list, rules, index, name } = props;
  const length = rules[list].length;
  const reorder = useAdminCommand(serviceLevelKeys.inventoryRules, serviceLevelCommands.reorderInventoryRules);
  const button = (move: Move) => {
    const order = movedOrder(length, index, move);
    if (!order) return null;
    const moveRule = async () => {
      await reorder.mutateAsync({ version: rules.version, [list]: order });
      props.onMoved(focusAfter(list, length, index, move));
    };
    return (
      <button
        type="button"
        className="link"
        id={moveButtonId(list, index, move)}
        disabled={reorder.isPending}
        onClick={() => void moveRule().catch(() => undefined)}
      >
        {t(move === 'up' ? 'inventory.moveUp' : 'inventory.moveDown', { name })}
      </button>
    );
  };
  return (
    <>
      {button('up')} {button('down')}
      {reorder.error && (
        <span role="alert" className="error">
          {reorder.error.message}
        </span>
      )}
    </>
  );
}
