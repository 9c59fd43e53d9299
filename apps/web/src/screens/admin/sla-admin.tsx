import { useState } from 'react';
import { adminKeys, useAdminCommand, useCalendars } from '../../api/admin';
import { serviceLevelCommands } from '../../api/service-levels';
import type { CalendarView } from '../../api/admin-views';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';
import { useSession } from '../../session/session';
import { AgreementsAdmin } from './agreements-admin';
import { CalendarForm } from './calendar-form';
import { RulesAdmin } from './rules-admin';

/** "du lundi au vendredi de 8 h à 17 h": one line per weekday that opens. */
function Week({ calendar }: { calendar: CalendarView }) {
  const { t } = useI18n();
  const days = [1, 2, 3, 4, 5, 6, 7].filter((day) => calendar.openingHours.some((range) => range.weekday === day));
  return (
    <ul>
      {days.map((day) => (
        <li key={day}>
          {t(`admin.weekday.${day}` as MessageKey)} :{' '}
          {calendar.openingHours
            .filter((range) => range.weekday === day)
            .map((range) => `${range.start}–${range.end}`)
            .join(', ')}
        </li>
      ))}
    </ul>
  );
}

/** A calendar's week and closing periods; with sla.write, "Modifier" opens its definition to replace it. */
function CalendarCard({ calendar }: { calendar: CalendarView }) {
  const { t } = useI18n();
  const writable = useSession().can('sla.write');
  const [editing, setEditing] = useState(false);
  const replace = useAdminCommand(
    adminKeys.calendars,
    (definition: Parameters<typeof serviceLevelCommands.replaceCalendar>[0]) =>
      serviceLevelCommands.replaceCalendar(definition),
  );
  if (editing) {
    return (
      <CalendarForm
        id={`calendar-${calendar.calendarId}`}
        title={t('calendar.edit', { name: calendar.name })}
        calendar={calendar}
        command={{
          ...replace,
          mutateAsync: (definition) => replace.mutateAsync({ ...definition, calendarId: calendar.calendarId }),
        }}
        onSaved={() => setEditing(false)}
      />
    );
  }
  return (
    <section className="card" aria-label={calendar.name}>
      <h2>
        {t('admin.calendar')} : {calendar.name} ({calendar.timeZone})
      </h2>
      {writable && (
        <button type="button" onClick={() => setEditing(true)}>
          {t('editNamed', { name: calendar.name })}
        </button>
      )}
      <Week calendar={calendar} />
      <h3>{t('admin.holidays')}</h3>
      <ul>
        {calendar.holidays.map((holiday) => (
          <li key={`${holiday.name}-${holiday.start}`}>
            {holiday.name} : {holiday.start} – {holiday.end}
            {holiday.yearly ? ` (${t('admin.yearly')})` : ''}
          </li>
        ))}
        {calendar.publicHolidays && <li>{t('admin.publicHolidays', { country: calendar.publicHolidays.country })}</li>}
      </ul>
    </section>
  );
}

/** SLA calendars (week and holidays), agreements with their levels and the rules choosing them, as sla defines them. */
export function SlaAdmin() {
  const { t } = useI18n();
  const writable = useSession().can('sla.write');
  const calendars = useCalendars().data ?? [];
  const createCalendar = useAdminCommand(adminKeys.calendars, serviceLevelCommands.createCalendar);
  return (
    <>
      {calendars.map((calendar) => (
        <CalendarCard key={calendar.calendarId} calendar={calendar} />
      ))}
      {writable && <CalendarForm id="create-calendar" title={t('calendar.create')} command={createCalendar} />}
      <AgreementsAdmin />
      <RulesAdmin />
    </>
  );
}
