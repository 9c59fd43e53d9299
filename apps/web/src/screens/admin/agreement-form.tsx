import { useState } from 'react';
import { adminKeys, useAdminCommand, useCalendars, useGroups } from '../../api/admin';
import { serviceLevelCommands, type AgreementDefinition, type EscalationAction } from '../../api/service-levels';
import { AdminForm, TextField } from '../../components/admin-form';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { replaced } from './replaced';

const ACTIONS: Array<EscalationAction['type']> = ['notify-assignees', 'notify-group', 'raise-priority', 'assign-group'];
const needsGroup = (type: string) => type === 'notify-group' || type === 'assign-group';
/** the calendar select's choice of the ticket entity's own calendar */
const ENTITY_CALENDAR = 'entity';

interface LevelValues {
  name: string;
  offsetMinutes: string;
  /** '' for a level that only marks the moment */
  action: '' | EscalationAction['type'];
  groupId: string;
}

/** The agreement's levels as sla takes them: one action each here, its group when it needs one. */
export function levelsOf(levels: LevelValues[]): NonNullable<AgreementDefinition['levels']> {
  return levels.map((level) => ({
    name: level.name.trim(),
    offsetMinutes: Number(level.offsetMinutes),
    actions: level.action
      ? [needsGroup(level.action) ? { type: level.action, groupId: level.groupId } : { type: level.action }]
      : [],
  }));
}

function LevelFields(props: { index: number; level: LevelValues; onChange(level: LevelValues | null): void }) {
  const { t } = useI18n();
  const groups = useGroups();
  const { index, level, onChange } = props;
  const id = `agreement-level-${index}`;
  return (
    <fieldset className="criteria">
      <legend>{t('agreement.level', { number: index + 1 })}</legend>
      <TextField
        id={`${id}-name`}
        label={t('admin.name')}
        value={level.name}
        required
        onChange={(name) => onChange({ ...level, name })}
      />
      <div className="field">
        <label htmlFor={`${id}-offset`}>{t('agreement.offset')}</label>
        <input
          id={`${id}-offset`}
          type="number"
          step={1}
          required
          value={level.offsetMinutes}
          onChange={(event) => onChange({ ...level, offsetMinutes: event.target.value })}
        />
      </div>
      <OptionSelect
        id={`${id}-action`}
        label={t('agreement.action')}
        value={level.action}
        options={ACTIONS.map((action) => [action, t(`agreement.action.${action}` as MessageKey)])}
        onChange={(action) => onChange({ ...level, action: action as LevelValues['action'] })}
      />
      {needsGroup(level.action) && (
        <OptionSelect
          id={`${id}-group`}
          label={t('admin.groups')}
          value={level.groupId}
          required
          options={(groups.data ?? []).map((group) => [group.groupId, group.name])}
          onChange={(groupId) => onChange({ ...level, groupId })}
        />
      )}
      <button type="button" onClick={() => onChange(null)}>
        {t('agreement.removeLevel', { number: index + 1 })}
      </button>
    </fieldset>
  );
}

const EMPTY = { name: '', agreement: 'sla', kind: 'ttr', duration: '8', unit: 'hours', calendar: '' } as const;

/** A new SLA or OLA: its length on a calendar (24/7, one of them, or the ticket entity's) and its escalation levels. */
export function AgreementForm() {
  const { t } = useI18n();
  const calendars = useCalendars();
  const [values, setValues] = useState<Record<keyof typeof EMPTY, string>>(EMPTY);
  const [levels, setLevels] = useState<LevelValues[]>([]);
  const create = useAdminCommand(adminKeys.agreements, serviceLevelCommands.createAgreement);
  const set = (key: keyof typeof EMPTY) => (value: string) => setValues((current) => ({ ...current, [key]: value }));
  const select = (key: keyof typeof EMPTY, label: MessageKey, options: Array<[string, string]>) => (
    <OptionSelect
      id={`agreement-${key}`}
      label={t(label)}
      value={values[key]}
      required
      options={options}
      onChange={set(key)}
    />
  );
  return (
    <AdminForm
      id="create-agreement"
      title={t('agreement.create')}
      command={create}
      onSubmit={async () => {
        await create.mutateAsync({
          name: values.name.trim(),
          agreement: values.agreement as 'sla' | 'ola',
          kind: values.kind as 'tto' | 'ttr',
          duration: Number(values.duration),
          unit: values.unit as 'minutes' | 'hours' | 'days',
          ...(values.calendar === ENTITY_CALENDAR
            ? { useEntityCalendar: true }
            : { calendarId: (values.calendar || null) as never }),
          levels: levelsOf(levels),
        });
        setValues(EMPTY);
        setLevels([]);
      }}
    >
      <TextField id="agreement-name" label={t('admin.name')} value={values.name} required onChange={set('name')} />
      {select('agreement', 'agreement.agreement', [
        ['sla', 'SLA'],
        ['ola', 'OLA'],
      ])}
      {select('kind', 'type', [
        ['tto', t('tto')],
        ['ttr', t('ttr')],
      ])}
      <div className="field">
        <label htmlFor="agreement-duration">{t('admin.duration')}</label>
        <input
          id="agreement-duration"
          type="number"
          min={1}
          step={1}
          required
          value={values.duration}
          onChange={(event) => set('duration')(event.target.value)}
        />
      </div>
      {select(
        'unit',
        'agreement.unit',
        (['minutes', 'hours', 'days'] as const).map((unit) => [unit, t(`agreement.unit.${unit}`)]),
      )}
      <OptionSelect
        id="agreement-calendar"
        label={t('admin.calendar')}
        value={values.calendar}
        emptyLabel={t('agreement.allDay')}
        options={[
          [ENTITY_CALENDAR, t('agreement.entityCalendar')],
          ...(calendars.data ?? []).map((calendar): [string, string] => [calendar.calendarId, calendar.name]),
        ]}
        onChange={set('calendar')}
      />
      <fieldset className="card">
        <legend>{t('admin.levels')}</legend>
        {levels.map((level, index) => (
          <LevelFields
            key={index}
            index={index}
            level={level}
            onChange={(next) => setLevels((current) => replaced(current, index, next))}
          />
        ))}
        <button
          type="button"
          onClick={() =>
            setLevels((current) => [...current, { name: '', offsetMinutes: '0', action: '', groupId: '' }])
          }
        >
          {t('agreement.addLevel')}
        </button>
      </fieldset>
    </AdminForm>
  );
}
