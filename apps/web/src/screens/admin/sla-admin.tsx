import { useAgreements, useCalendars } from '../../api/admin';
import type { CalendarView } from '../../api/admin-views';
import { DataTable } from '../../components/data-table';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

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

/** SLA calendars (week and holidays) and agreements with their levels, as sla defines them. */
export function SlaAdmin() {
  const { t } = useI18n();
  const calendars = useCalendars().data ?? [];
  const agreements = useAgreements().data ?? [];
  return (
    <>
      {calendars.map((calendar) => (
        <section key={calendar.calendarId} className="card" aria-label={calendar.name}>
          <h2>
            {t('admin.calendar')} : {calendar.name} ({calendar.timeZone})
          </h2>
          <Week calendar={calendar} />
          <h3>{t('admin.holidays')}</h3>
          <ul>
            {calendar.holidays.map((holiday) => (
              <li key={`${holiday.name}-${holiday.start}`}>
                {holiday.name} : {holiday.start} – {holiday.end}
                {holiday.yearly ? ` (${t('admin.yearly')})` : ''}
              </li>
            ))}
            {calendar.publicHolidays && (
              <li>{t('admin.publicHolidays', { country: calendar.publicHolidays.country })}</li>
            )}
          </ul>
        </section>
      ))}
      <DataTable
        caption={t('admin.agreements')}
        rows={agreements}
        rowKey={(agreement) => agreement.slaId}
        columns={[
          { header: t('admin.name'), cell: (agreement) => agreement.name },
          { header: t('type'), cell: (agreement) => `${agreement.agreement.toUpperCase()} ${t(agreement.kind)}` },
          { header: t('admin.duration'), cell: (agreement) => `${agreement.duration} ${agreement.unit}` },
          {
            header: t('admin.levels'),
            cell: (agreement) =>
              agreement.levels
                .map((level) => `${level.name} (${level.offsetMinutes > 0 ? '+' : ''}${level.offsetMinutes} min)`)
                .join(', '),
          },
        ]}
      />
    </>
  );
}
