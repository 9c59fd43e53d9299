import { useState } from 'react';
import type { CalendarView } from '../../api/admin-views';
import { AdminForm, CheckField, TextField } from '../../components/admin-form';
import { OptionSelect } from '../../components/option-select';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { replaced } from './replaced';
import { calendarDefinitionOf, calendarFormValues, type CalendarFormValues } from './calendar-definition';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];

/** The week: one group per opening range (a day, from, to), added and removed. */
function WeekRanges({ prefix, values, onChange }: CalendarPartProps) {
  const { t } = useI18n();
  const ranges = values.openingHours;
  const set = (index: number, range: (typeof ranges)[number] | null) =>
    onChange({ ...values, openingHours: replaced(ranges, index, range) });
  return (
    <fieldset className="card">
      <legend>{t('calendar.week')}</legend>
      {ranges.map((range, index) => (
        <fieldset key={index} className="criteria">
          <legend>{t('calendar.range', { number: index + 1 })}</legend>
          <OptionSelect
            id={`${prefix}-day-${index}`}
            label={t('calendar.day')}
            value={String(range.weekday)}
            required
            options={WEEKDAYS.map((day) => [String(day), t(`admin.weekday.${day}` as MessageKey)])}
            onChange={(day) => set(index, { ...range, weekday: Number(day) })}
          />
          <TextField
            id={`${prefix}-start-${index}`}
            label={t('calendar.from')}
            type="time"
            required
            value={range.start}
            onChange={(start) => set(index, { ...range, start })}
          />
          <TextField
            id={`${prefix}-end-${index}`}
            label={t('calendar.to')}
            type="time"
            required
            value={range.end}
            onChange={(end) => set(index, { ...range, end })}
          />
          <button type="button" onClick={() => set(index, null)}>
            {t('calendar.removeRange', { number: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() => onChange({ ...values, openingHours: [...ranges, { weekday: 1, start: '08:00', end: '17:00' }] })}
      >
        {t('calendar.addRange')}
      </button>
    </fieldset>
  );
}

/** The closing periods: a name, first and last closed day, every year or once. */
function Holidays({ prefix, values, onChange }: CalendarPartProps) {
  const { t } = useI18n();
  const holidays = values.holidays;
  const set = (index: number, holiday: (typeof holidays)[number] | null) =>
    onChange({ ...values, holidays: replaced(holidays, index, holiday) });
  return (
    <fieldset className="card">
      <legend>{t('admin.holidays')}</legend>
      {holidays.map((holiday, index) => (
        <fieldset key={index} className="criteria">
          <legend>{t('calendar.holiday', { number: index + 1 })}</legend>
          <TextField
            id={`${prefix}-holiday-${index}`}
            label={t('admin.name')}
            value={holiday.name}
            required
            onChange={(name) => set(index, { ...holiday, name })}
          />
          <TextField
            id={`${prefix}-holiday-start-${index}`}
            label={t('calendar.from')}
            type="date"
            required
            value={holiday.start}
            onChange={(start) => set(index, { ...holiday, start })}
          />
          <TextField
            id={`${prefix}-holiday-end-${index}`}
            label={t('calendar.to')}
            type="date"
            required
            value={holiday.end}
            onChange={(end) => set(index, { ...holiday, end })}
          />
          <CheckField
            id={`${prefix}-holiday-yearly-${index}`}
            label={t('admin.yearly')}
            checked={holiday.yearly}
            onChange={(yearly) => set(index, { ...holiday, yearly })}
          />
          <button type="button" onClick={() => set(index, null)}>
            {t('calendar.removeHoliday', { number: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        onClick={() =>
          onChange({ ...values, holidays: [...holidays, { name: '', start: '', end: '', yearly: false }] })
        }
      >
        {t('calendar.addHoliday')}
      </button>
    </fieldset>
  );
}

interface CalendarPartProps {
  prefix: string;
  values: CalendarFormValues;
  onChange(values: CalendarFormValues): void;
}

/**
 * A calendar's definition to create or replace (sla's POST or PUT): name, time zone, the week's
 * ranges, the closing periods, a country's public holidays. sla refuses a week too short (422).
 */
export function CalendarForm(props: {
  id: string;
  title: string;
  calendar?: CalendarView;
  command: {
    error: Error | null;
    isPending: boolean;
    mutateAsync(definition: ReturnType<typeof calendarDefinitionOf>): Promise<unknown>;
  };
  onSaved?(): void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(() => calendarFormValues(props.calendar));
  const set = (change: Partial<CalendarFormValues>) => setValues((current) => ({ ...current, ...change }));
  return (
    <AdminForm
      id={props.id}
      title={props.title}
      command={props.command}
      onSubmit={async () => {
        await props.command.mutateAsync(calendarDefinitionOf(values));
        if (!props.calendar) setValues(calendarFormValues());
        props.onSaved?.();
      }}
    >
      <TextField
        id={`${props.id}-name`}
        label={t('admin.name')}
        value={values.name}
        required
        onChange={(name) => set({ name })}
      />
      <TextField
        id={`${props.id}-zone`}
        label={t('calendar.timeZone')}
        value={values.timeZone}
        required
        onChange={(timeZone) => set({ timeZone })}
      />
      <WeekRanges prefix={props.id} values={values} onChange={setValues} />
      <Holidays prefix={props.id} values={values} onChange={setValues} />
      <TextField
        id={`${props.id}-country`}
        label={t('calendar.country')}
        value={values.country}
        maxLength={2}
        onChange={(country) => set({ country })}
      />
      <TextField
        id={`${props.id}-region`}
        label={t('calendar.region')}
        value={values.region}
        onChange={(region) => set({ region })}
      />
    </AdminForm>
  );
}
