import { useState, type FormEvent } from 'react';
import { useGroups } from '../../api/admin';
import { useUsers } from '../../api/queries';
import { useDropdown, type DropdownKind } from '../../api/parc-queries';
import type { Asset, AssetRoute } from '../../api/parc-views';
import { OptionSelect, userOptions } from '../../components/option-select';
import { ProblemMessage } from '../../components/problem-message';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import {
  entityOptions,
  FINANCIAL_FIELDS,
  GENERAL_FIELDS,
  TYPE_FIELDS,
  fieldsOf,
  formValuesOf,
  requestBodyOf,
  type AssetField,
  type FormValues,
} from './asset-fields';
import { catalogueKindOf } from './parc-format';

const INPUT_TYPES = { text: 'text', number: 'number', integer: 'number', day: 'date' } as const;

/** One field of the form, labelled, as its kind asks (text, number, day, a catalogue's values…). */
function FieldInput(props: { field: AssetField; assetType: AssetRoute; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const { field, value, onChange } = props;
  const id = `asset-${field.name}`;
  const label = t((field.label ?? field.name) as MessageKey);
  const kind = catalogueKindOf(props.assetType);
  const catalogue = (
    field.catalogue === 'type' || field.catalogue === 'model'
      ? `${kind}-${field.catalogue}`
      : (field.catalogue ?? 'status')
  ) as DropdownKind;
  const values = useDropdown(catalogue);
  const { can } = useSession();
  const users = useUsers(can('user.read') && field.kind === 'user');
  const groups = useGroups(can('group.read') && field.kind === 'group');
  // the pickers: a catalogue's values, identity's users or groups
  const choices: Record<'catalogue' | 'user' | 'group', Array<[string, string]>> = {
    catalogue: (values.data ?? []).map((option) => [option.valueId, option.name]),
    user: userOptions(users.data),
    group: (groups.data ?? []).map((group) => [group.groupId, group.name]),
  };
  switch (field.kind) {
    case 'catalogue':
    case 'user':
    case 'group':
      return <OptionSelect id={id} label={label} value={value} options={choices[field.kind]} onChange={onChange} />;
    case 'boolean':
      return (
        <div className="field">
          <label>
            <input
              id={id}
              type="checkbox"
              checked={value === 'true'}
              onChange={(event) => onChange(event.target.checked ? 'true' : '')}
            />{' '}
            {label}
          </label>
        </div>
      );
    case 'depreciation':
      return (
        <OptionSelect
          id={id}
          label={label}
          value={value}
          options={(['linear', 'decreasing'] as const).map((type) => [type, t(`depreciation.${type}`)])}
          onChange={onChange}
        />
      );
    case 'textarea':
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <textarea id={id} rows={3} value={value} onChange={(event) => onChange(event.target.value)} />
        </div>
      );
    default:
      return (
        <div className="field">
          <label htmlFor={id}>{label}</label>
          <input
            id={id}
            type={INPUT_TYPES[field.kind]}
            step={field.kind === 'number' ? '0.01' : undefined}
            maxLength={field.kind === 'text' ? 255 : undefined}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        </div>
      );
  }
}

/** A creation's entity: one of the caller's entities in scope, the active one unless chosen. */
function EntityInput(props: { value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  const { me } = useSession();
  return (
    <OptionSelect
      id="asset-entityId"
      label={t('entity')}
      value={props.value}
      options={entityOptions(me?.entities ?? [])}
      emptyLabel={t('asset.activeEntity')}
      onChange={props.onChange}
    />
  );
}

/**
 * GLPI's asset form, to create (`asset` absent) or edit: the entity (creation only: the service
 * fixes it then), the general fields, the type's own, the financial information. An edit sends
 * only the fields changed (a dynamic asset locks those).
 */
export function AssetForm(props: {
  assetType: AssetRoute;
  asset?: Asset;
  title: string;
  submitLabel: string;
  command: { error: Error | null; isPending: boolean; mutateAsync(body: Record<string, unknown>): Promise<unknown> };
}) {
  const { t } = useI18n();
  const fields = fieldsOf(props.assetType);
  const [before] = useState<FormValues>(() => formValuesOf(fields, props.asset));
  const [values, setValues] = useState(before);
  const activeEntityId = useSession().me?.activeEntityId ?? '';
  const [entityId, setEntityId] = useState(activeEntityId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = requestBodyOf(fields, values, props.asset ? before : undefined);
    if (!props.asset && entityId) body.entityId = entityId;
    void props.command.mutateAsync(body).catch(() => undefined);
  };
  const group = (legend: string, members: readonly AssetField[]) =>
    members.length > 0 && (
      <fieldset className="card criteria">
        <legend>{legend}</legend>
        {!props.asset && members === GENERAL_FIELDS && <EntityInput value={entityId} onChange={setEntityId} />}
        {members.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            assetType={props.assetType}
            value={values[field.name]}
            onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
          />
        ))}
      </fieldset>
    );
  return (
    <form aria-label={props.title} onSubmit={submit}>
      {group(t('tab.general'), GENERAL_FIELDS)}
      {group(t('asset.specific'), TYPE_FIELDS[props.assetType])}
      {group(t('tab.financial'), FINANCIAL_FIELDS)}
      <ProblemMessage error={props.command.error} />
      <button type="submit" disabled={props.command.isPending}>
        {props.submitLabel}
      </button>
    </form>
  );
}
