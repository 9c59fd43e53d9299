import { useState } from 'react';
import { useAdminCommand, useEntities } from '../../api/admin';
import { serviceLevelCommands, serviceLevelKeys, type InventoryRules } from '../../api/service-levels';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';
import { replaced } from './replaced';

const CRITERIA = ['serial', 'uuid', 'mac', 'name'] as const;
type ImportRule = InventoryRules['importRules'][number];
type EntityRule = InventoryRules['entityRules'][number];

function ImportRuleFields(props: { index: number; rule: ImportRule; onChange(rule: ImportRule | null): void }) {
  const { t } = useI18n();
  const { index, rule, onChange } = props;
  return (
    <fieldset className="criteria">
      <legend>{t('inventory.importRule', { number: index + 1 })}</legend>
      <TextField
        id={`import-rule-${index}`}
        label={t('admin.name')}
        value={rule.name}
        required
        onChange={(name) => onChange({ ...rule, name })}
      />
      {CRITERIA.map((criterion) => (
        <CheckField
          key={criterion}
          id={`import-rule-${index}-${criterion}`}
          label={t(criterion)}
          checked={rule.criteria.includes(criterion)}
          onChange={(checked) =>
            onChange({
              ...rule,
              criteria: checked ? [...rule.criteria, criterion] : rule.criteria.filter((kept) => kept !== criterion),
            })
          }
        />
      ))}
      <button type="button" onClick={() => onChange(null)}>
        {t('inventory.removeRule', { name: rule.name || String(index + 1) })}
      </button>
    </fieldset>
  );
}

function EntityRuleFields(props: { index: number; rule: EntityRule; onChange(rule: EntityRule | null): void }) {
  const { t } = useI18n();
  const entities = useEntities();
  const { index, rule, onChange } = props;
  const id = `entity-rule-${index}`;
  return (
    <fieldset className="criteria">
      <legend>{t('inventory.entityRule', { number: index + 1 })}</legend>
      <TextField
        id={id}
        label={t('admin.name')}
        value={rule.name}
        required
        onChange={(name) => onChange({ ...rule, name })}
      />
      <TextField
        id={`${id}-tag`}
        label={t('inventory.tag')}
        value={rule.tag ?? ''}
        onChange={(tag) => onChange({ ...rule, tag })}
      />
      <TextField
        id={`${id}-ip`}
        label={t('inventory.ipRange')}
        value={rule.ipRange ?? ''}
        onChange={(ipRange) => onChange({ ...rule, ipRange })}
      />
      <OptionSelect
        id={`${id}-entity`}
        label={t('entity')}
        value={rule.entityId}
        required
        options={(entities.data ?? []).map((entity) => [entity.entityId, entity.completeName])}
        onChange={(entityId) => onChange({ ...rule, entityId })}
      />
      <button type="button" onClick={() => onChange(null)}>
        {t('inventory.removeRule', { name: rule.name || String(index + 1) })}
      </button>
    </fieldset>
  );
}

/** What the form sends: an entity rule's empty tag or range is no condition. */
const withoutEmpty = (rules: EntityRule[]): EntityRule[] =>
  rules.map(({ tag, ipRange, ...rule }) => ({
    ...rule,
    name: rule.name.trim(),
    ...(tag?.trim() ? { tag: tag.trim() } : {}),
    ...(ipRange?.trim() ? { ipRange: ipRange.trim() } : {}),
  }));

/** The inventory rules, edited whole (assets' PUT /api/inventory-rules replaces them): tried in order. */
export function InventoryRulesForm({ rules }: { rules: InventoryRules }) {
  const { t } = useI18n();
  const entities = useEntities();
  const [values, setValues] = useState(rules);
  const save = useAdminCommand(serviceLevelKeys.inventoryRules, serviceLevelCommands.setInventoryRules);
  const set = (change: Partial<InventoryRules>) => setValues((current) => ({ ...current, ...change }));
  return (
    <AdminForm
      id="inventory-rules"
      title={t('inventory.saveRules')}
      command={save}
      onSubmit={() => save.mutateAsync({ ...values, entityRules: withoutEmpty(values.entityRules) })}
    >
      <fieldset className="card">
        <legend>{t('inventory.importRules')}</legend>
        {values.importRules.map((rule, index) => (
          <ImportRuleFields
            key={index}
            index={index}
            rule={rule}
            onChange={(next) => set({ importRules: replaced(values.importRules, index, next) })}
          />
        ))}
        <button
          type="button"
          onClick={() => set({ importRules: [...values.importRules, { name: '', criteria: ['serial'] }] })}
        >
          {t('inventory.addImportRule')}
        </button>
      </fieldset>
      <fieldset className="card">
        <legend>{t('inventory.entityRulesTitle')}</legend>
        {values.entityRules.map((rule, index) => (
          <EntityRuleFields
            key={index}
            index={index}
            rule={rule}
            onChange={(next) => set({ entityRules: replaced(values.entityRules, index, next) })}
          />
        ))}
        <button
          type="button"
          onClick={() => set({ entityRules: [...values.entityRules, { name: '', entityId: values.defaultEntityId }] })}
        >
          {t('inventory.addEntityRule')}
        </button>
      </fieldset>
      <OptionSelect
        id="inventory-default-entity"
        label={t('inventory.defaultEntity')}
        value={values.defaultEntityId}
        required
        options={(entities.data ?? []).map((entity) => [entity.entityId, entity.completeName])}
        onChange={(defaultEntityId) => set({ defaultEntityId })}
      />
    </AdminForm>
  );
}
