import { useState } from 'react';
import { useAdminCommand, useAgreements } from '../../api/admin';
import { useCategories } from '../../api/queries';
import {
  serviceLevelCommands,
  serviceLevelKeys,
  useRules,
  type RuleDefinition,
  type RuleView,
} from '../../api/service-levels';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { ConfirmButton } from '../../components/confirm-button';
import { DataTable } from '../../components/data-table';
import { levelKey } from '../../components/levels';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../session/session';

const TYPES = ['incident', 'request'] as const;
const PRIORITIES = [1, 2, 3, 4, 5, 6];

/** Ticked values of a list of checkboxes. */
function Choices<Value extends string | number>(props: {
  id: string;
  legend: string;
  choices: Array<[Value, string]>;
  chosen: Value[];
  onChange(chosen: Value[]): void;
}) {
  return (
    <fieldset className="criteria">
      <legend>{props.legend}</legend>
      {props.choices.map(([value, label]) => (
        <CheckField
          key={String(value)}
          id={`${props.id}-${value}`}
          label={label}
          checked={props.chosen.includes(value)}
          onChange={(checked) =>
            props.onChange(checked ? [...props.chosen, value] : props.chosen.filter((kept) => kept !== value))
          }
        />
      ))}
    </fieldset>
  );
}

interface RuleValues {
  name: string;
  rank: string;
  types: Array<(typeof TYPES)[number]>;
  priorities: number[];
  categoryIds: string[];
  slaIds: string[];
}

const ruleValues = (rule?: RuleView): RuleValues => ({
  name: rule?.name ?? '',
  rank: String(rule?.rank ?? 100),
  types: rule?.criteria?.types ?? [],
  priorities: rule?.criteria?.priorities ?? [],
  categoryIds: rule?.criteria?.categoryIds ?? [],
  slaIds: rule?.slaIds ?? [],
});

/** A rule to define (`rule` absent) or whose terms to replace: its rank, what tickets it matches, what it gives. */
function RuleForm(props: {
  id: string;
  title: string;
  rule?: RuleView;
  command: { error: Error | null; isPending: boolean; mutateAsync(terms: RuleDefinition): Promise<unknown> };
  onSaved?(): void;
}) {
  const { t } = useI18n();
  const agreements = useAgreements();
  const categories = useCategories();
  const [values, setValues] = useState(() => ruleValues(props.rule));
  const set = (change: Partial<RuleValues>) => setValues((current) => ({ ...current, ...change }));
  const { id } = props;
  return (
    <AdminForm
      id={id}
      title={props.title}
      command={props.command}
      onSubmit={async () => {
        const { name, rank, types, priorities, categoryIds, slaIds } = values;
        const criteria = { types, priorities, categoryIds };
        await props.command.mutateAsync({ name: name.trim(), rank: Number(rank), criteria, slaIds });
        if (!props.rule) setValues(ruleValues());
        props.onSaved?.();
      }}
    >
      <TextField
        id={`${id}-name`}
        label={t('admin.name')}
        value={values.name}
        required
        onChange={(name) => set({ name })}
      />
      <TextField
        id={`${id}-rank`}
        type="integer"
        min={0}
        label={t('rule.rank')}
        value={values.rank}
        required
        onChange={(rank) => set({ rank })}
      />
      <Choices
        id={`${id}-type`}
        legend={t('type')}
        choices={TYPES.map((type) => [type, t(type)])}
        chosen={values.types}
        onChange={(types) => set({ types })}
      />
      <Choices
        id={`${id}-priority`}
        legend={t('priority')}
        choices={PRIORITIES.map((priority) => [priority, t(levelKey(priority))])}
        chosen={values.priorities}
        onChange={(priorities) => set({ priorities })}
      />
      <Choices
        id={`${id}-category`}
        legend={t('category')}
        choices={(categories.data ?? []).map((category) => [category.categoryId, category.name])}
        chosen={values.categoryIds}
        onChange={(categoryIds) => set({ categoryIds })}
      />
      <Choices
        id={`${id}-sla`}
        legend={t('admin.agreements')}
        choices={(agreements.data ?? []).map((agreement) => [agreement.slaId, agreement.name])}
        chosen={values.slaIds}
        onChange={(slaIds) => set({ slaIds })}
      />
    </AdminForm>
  );
}

/** "Supprimer" a rule, confirmed: later tickets no longer follow it (sla's DELETE). */
function DeleteRule({ rule }: { rule: RuleView }) {
  const { t } = useI18n();
  const remove = useAdminCommand<void>(serviceLevelKeys.rules, () => serviceLevelCommands.deleteRule(rule.ruleId));
  return (
    <ConfirmButton
      label={t('deleteNamed', { name: rule.name })}
      question={t('rule.deleteQuestion', { name: rule.name })}
      command={remove}
    />
  );
}

/** The rules choosing SLAs and OLAs for tickets (lowest rank first, the first match wins); with sla.write, edited, deleted and added. */
export function RulesAdmin() {
  const { t } = useI18n();
  const writable = useSession().can('sla.write');
  const rules = useRules();
  const agreements = useAgreements();
  const categories = useCategories();
  const [editing, setEditing] = useState<string | null>(null);
  const create = useAdminCommand(serviceLevelKeys.rules, serviceLevelCommands.createRule);
  const replace = useAdminCommand(serviceLevelKeys.rules, serviceLevelCommands.replaceRule);
  const agreementName = (slaId: string) =>
    agreements.data?.find((agreement) => agreement.slaId === slaId)?.name ?? t('agreement.deleted');
  const categoryName = (id: string) => categories.data?.find((category) => category.categoryId === id)?.name ?? id;
  const any = (names: string[]) => (names.length ? names.join(', ') : t('rule.any'));
  const edited = rules.data?.find((rule) => rule.ruleId === editing);
  return (
    <>
      <DataTable
        caption={t('rule.rules')}
        rows={rules.data}
        rowKey={(rule) => rule.ruleId}
        columns={[
          { header: t('rule.rank'), cell: (rule) => rule.rank },
          { header: t('admin.name'), cell: (rule) => rule.name },
          { header: t('type'), cell: (rule) => any((rule.criteria?.types ?? []).map((type) => t(type))) },
          { header: t('category'), cell: (rule) => any((rule.criteria?.categoryIds ?? []).map(categoryName)) },
          {
            header: t('priority'),
            cell: (rule) => any((rule.criteria?.priorities ?? []).map((priority) => t(levelKey(priority)))),
          },
          { header: t('admin.agreements'), cell: (rule) => rule.slaIds.map(agreementName).join(', ') },
          writable && {
            header: t('actions'),
            cell: (rule) => (
              <>
                <button type="button" className="link" onClick={() => setEditing(rule.ruleId)}>
                  {t('editNamed', { name: rule.name })}
                </button>{' '}
                <DeleteRule rule={rule} />
              </>
            ),
          },
        ]}
      />
      {edited && (
        <RuleForm
          key={edited.ruleId}
          id="edit-rule"
          title={t('rule.edit', { name: edited.name })}
          rule={edited}
          command={{ ...replace, mutateAsync: (terms) => replace.mutateAsync({ ...terms, ruleId: edited.ruleId }) }}
          onSaved={() => setEditing(null)}
        />
      )}
      {writable && <RuleForm id="create-rule" title={t('rule.create')} command={create} />}
    </>
  );
}
