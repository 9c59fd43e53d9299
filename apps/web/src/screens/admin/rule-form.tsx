import { useState } from 'react';
import { useAgreements } from '../../api/admin';
import { useCategories } from '../../api/queries';
import { serviceLevelCommands, serviceLevelKeys, useRules } from '../../api/service-levels';
import { useAdminCommand } from '../../api/admin';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { DataTable } from '../../components/data-table';
import { levelKey } from '../../components/levels';
import { useI18n } from '../../i18n/i18n';

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

const EMPTY = { name: '', rank: '100', types: [], priorities: [], categoryIds: [], slaIds: [] };

/** The rules choosing SLAs and OLAs for tickets (lowest rank first, the first match wins), and a new one. */
export function RulesAdmin() {
  const { t } = useI18n();
  const rules = useRules();
  const agreements = useAgreements();
  const categories = useCategories();
  const [values, setValues] = useState<{
    name: string;
    rank: string;
    types: Array<(typeof TYPES)[number]>;
    priorities: number[];
    categoryIds: string[];
    slaIds: string[];
  }>(EMPTY);
  const create = useAdminCommand(serviceLevelKeys.rules, serviceLevelCommands.createRule);
  const set = (change: Partial<typeof values>) => setValues((current) => ({ ...current, ...change }));
  const agreementName = (slaId: string) =>
    agreements.data?.find((agreement) => agreement.slaId === slaId)?.name ?? slaId;
  const categoryName = (id: string) => categories.data?.find((category) => category.categoryId === id)?.name ?? id;
  const any = (names: string[]) => (names.length ? names.join(', ') : t('rule.any'));
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
        ]}
      />
      <AdminForm
        id="create-rule"
        title={t('rule.create')}
        command={create}
        onSubmit={async () => {
          const { name, rank, types, priorities, categoryIds, slaIds } = values;
          await create.mutateAsync({
            name: name.trim(),
            rank: Number(rank),
            criteria: { types, priorities, categoryIds },
            slaIds,
          });
          setValues(EMPTY);
        }}
      >
        <TextField
          id="rule-name"
          label={t('admin.name')}
          value={values.name}
          required
          onChange={(name) => set({ name })}
        />
        <div className="field">
          <label htmlFor="rule-rank">{t('rule.rank')}</label>
          <input
            id="rule-rank"
            type="number"
            step={1}
            required
            value={values.rank}
            onChange={(event) => set({ rank: event.target.value })}
          />
        </div>
        <Choices
          id="rule-type"
          legend={t('type')}
          choices={TYPES.map((type) => [type, t(type)])}
          chosen={values.types}
          onChange={(types) => set({ types })}
        />
        <Choices
          id="rule-priority"
          legend={t('priority')}
          choices={PRIORITIES.map((priority) => [priority, t(levelKey(priority))])}
          chosen={values.priorities}
          onChange={(priorities) => set({ priorities })}
        />
        <Choices
          id="rule-category"
          legend={t('category')}
          choices={(categories.data ?? []).map((category) => [category.categoryId, category.name])}
          chosen={values.categoryIds}
          onChange={(categoryIds) => set({ categoryIds })}
        />
        <Choices
          id="rule-sla"
          legend={t('admin.agreements')}
          choices={(agreements.data ?? []).map((agreement) => [agreement.slaId, agreement.name])}
          chosen={values.slaIds}
          onChange={(slaIds) => set({ slaIds })}
        />
      </AdminForm>
    </>
  );
}
