import { loadSlaSettings } from './sla.env';

describe('the sla service settings', () => {
  it('given nothing, then calendars must open an hour a week and deadlines fall within 3,660 days', () => {
    expect(loadSlaSettings({})).toMatchObject({
      timerConcurrency: 8,
      calendarLimits: { minWeeklyOpenMinutes: 60, horizonDays: 3660 },
    });
  });

  it('given the calendar limits, then they are read', () => {
    const settings = loadSlaSettings({ SLA_CALENDAR_MIN_WEEKLY_MINUTES: '240', SLA_DEADLINE_HORIZON_DAYS: '1830' });
    expect(settings.calendarLimits).toEqual({ minWeeklyOpenMinutes: 240, horizonDays: 1830 });
  });

  it.each([
    ['SLA_CALENDAR_MIN_WEEKLY_MINUTES', '0'],
    ['SLA_CALENDAR_MIN_WEEKLY_MINUTES', '10081'],
    ['SLA_CALENDAR_MIN_WEEKLY_MINUTES', 'an hour'],
    ['SLA_DEADLINE_HORIZON_DAYS', '365'],
    ['SLA_DEADLINE_HORIZON_DAYS', '36601'],
    ['SLA_DEADLINE_HORIZON_DAYS', '1.5'],
    ['SLA_TIMER_CONCURRENCY', '0'],
  ])('given %s=%s, then the service refuses to start, naming it', (name, value) => {
    expect(() => loadSlaSettings({ [name]: value })).toThrow(`${name} must be a whole number`);
  });
});
