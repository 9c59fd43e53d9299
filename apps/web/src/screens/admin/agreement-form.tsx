import { useState } from 'react';
import { useCalendars, useGroups } from '../../api/admin';
import type { AgreementView } from '../../api/admin-views';
import type { AgreementDefinition } from '../../api/service-levels';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import {
  agreementTermsOf,
  agreementValues,
  emptyLevel,
  ENTITY_CALENDAR,
  type AgreementValues,
  type LevelValues,
} from './agreement-values';
import { replaced } from './replaced';

/** One escalation level: its name, its moment from the deadline, what it does. */
function LevelFields(props: {
  id: string;
  index: number;
  level: LevelValues;
  onChange(level: LevelValues | null): void;
}) {
  const { t } = useI18n();
  const groups = (useGroups().data ?? []).map((group): [string, string] => [group.groupId, group.name]);
  const { index, level, onChange } = props;
  const id = `${props.id}-level-${index}`;
  const set = (change: Partial<LevelValues>) => onChange({ ...level, ...change });
  return (
    <fieldset className="criteria">
      <legend>{t('agreement.level', { number: index + 1 })}</legend>
      <TextField
        id={`${id}-name`}
        label={t('admin.name')}
        value={level.name}
        required
        onChange={(name) => set({ name })}
      />
      <TextField
        id={`${id}-offset`}
        type="integer"
        label={t('agreement.offset')}
        value={level.offsetMinutes}
        required
        onChange={(offsetMinutes) => set({ offsetMinutes })}
      />
      <CheckField
        id={`${id}-notify-assignees`}
        label={t('agreement.action.notify-assignees')}
        checked={level.notifyAssignees}
        onChange={(notifyAssignees) => set({ notifyAssignees })}
      />
      <CheckField
        id={`${id}-raise-priority`}
        label={t('agreement.action.raise-priority')}
        checked={level.raisePriority}
        onChange={(raisePriority) => set({ raisePriority })}
      />
      <OptionSelect
        id={`${id}-notify-group`}
        label={t('agreement.action.notify-group')}
        value={level.notifyGroup}
        options={groups}
        onChange={(notifyGroup) => set({ notifyGroup })}
      />
      <OptionSelect
        id={`${id}-assign-group`}
        label={t('agreement.action.assign-group')}
        value={level.assignGroup}
        options={groups}
        onChange={(assignGroup) => set({ assignGroup })}
      />
      <button type="button" onClick={() => onChange(null)}>
        {t('agreement.removeLevel', { number: index + 1 })}
      </button>
    </fieldset>
  );
}

/**
 * An SLA or OLA to define (`agreement` absent) or whose terms to replace: its length on a
 * calendar (24/7, one of them, or the ticket entity's) and its escalation levels. Its type and
 * kind are fixed once defined (rules count on them), so an edit shows them without a choice.
 */
export function AgreementForm(props: {
  id: string;
  title: string;
  agreement?: AgreementView;
  command: { error: Error | null; isPending: boolean; mutateAsync(terms: AgreementDefinition): Promise<unknown> };
  onSaved?(): void;
}) {
  const { t } = useI18n();
  const calendars = useCalendars();
  const [values, setValues] = useState(() => agreementValues(props.agreement));
  const set = (change: Partial<AgreementValues>) => setValues((current) => ({ ...current, ...change }));
  const { id } = props;
  const select = <Key extends 'agreement' | 'kind' | 'unit'>(
    key: Key,
    label: MessageKey,
    options: Array<[AgreementValues[Key], string]>,
  ) => (
    <OptionSelect
      id={`${id}-${key}`}
      label={t(label)}
      value={values[key]}
      required
      options={props.agreement && key !== 'unit' ? options.filter(([value]) => value === values[key]) : options}
      onChange={(value) => set({ [key]: value })}
    />
  );
  return (
    <AdminForm
      id={id}
      title={props.title}
      command={props.command}
      onSubmit={async () => {
        await props.command.mutateAsync(agreementTermsOf(values));
        if (!props.agreement) setValues(agreementValues());
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
      {select('agreement', 'agreement.agreement', [
        ['sla', 'SLA'],
        ['ola', 'OLA'],
      ])}
      {select('kind', 'type', [
        ['tto', t('tto')],
        ['ttr', t('ttr')],
      ])}
      <TextField
        id={`${id}-duration`}
        type="integer"
        min={1}
        label={t('admin.duration')}
        value={values.duration}
        required
        onChange={(duration) => set({ duration })}
      />
      {select(
        'unit',
        'agreement.unit',
        (['minutes', 'hours', 'days'] as const).map((unit) => [unit, t(`agreement.unit.${unit}`)]),
      )}
      <OptionSelect
        id={`${id}-calendar`}
        label={t('admin.calendar')}
        value={values.calendar}
        emptyLabel={t('agreement.allDay')}
        options={[
          [ENTITY_CALENDAR, t('agreement.entityCalendar')],
          ...(calendars.data ?? []).map((calendar): [string, string] => [calendar.calendarId, calendar.name]),
        ]}
        onChange={(calendar) => set({ calendar })}
      />
      <fieldset className="card">
        <legend>{t('admin.levels')}</legend>
        {values.levels.map((level, index) => (
          <LevelFields
            key={index}
            id={id}
            index={index}
            level={level}
            onChange={(next) => set({ levels: replaced(values.levels, index, next) })}
          />
        ))}
        <button type="button" onClick={() => set({ levels: [...values.levels, emptyLevel()] })}>
          {t('agreement.addLevel')}
        </button>
      </fieldset>
    </AdminForm>
  );
}
