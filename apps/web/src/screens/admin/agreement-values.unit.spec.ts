import type { AgreementView } from '../../api/admin-views';
import { agreementTermsOf, agreementValues, ENTITY_CALENDAR } from './agreement-values';

const agreement: AgreementView = {
  slaId: 's1',
  name: 'TTR 8 h',
  agreement: 'sla',
  kind: 'ttr',
  duration: 8,
  unit: 'hours',
  calendarId: 'c1',
  useEntityCalendar: false,
  levels: [
    { levelId: 'l1', name: 'Alerte', offsetMinutes: -30, actions: [{ type: 'notify-assignees' }] },
    { levelId: 'deadline', name: 'Deadline', offsetMinutes: 0, actions: [] },
    {
      levelId: 'l2',
      name: 'Escalade',
      offsetMinutes: 60,
      actions: [{ type: 'notify-group', groupId: 'g1' }, { type: 'raise-priority' }],
    },
  ],
};

describe('an agreement in its form', () => {
  it('gives back the terms it was shown, without the breach level sla adds itself', () => {
    const terms = agreementTermsOf(agreementValues(agreement));
    expect(terms).toEqual({
      name: 'TTR 8 h',
      agreement: 'sla',
      kind: 'ttr',
      duration: 8,
      unit: 'hours',
      calendarId: 'c1',
      levels: [
        { name: 'Alerte', offsetMinutes: -30, actions: [{ type: 'notify-assignees' }] },
        {
          name: 'Escalade',
          offsetMinutes: 60,
          actions: [{ type: 'notify-group', groupId: 'g1' }, { type: 'raise-priority' }],
        },
      ],
    });
  });

  it("sends 24/7 as no calendar, and the ticket entity's calendar as a flag", () => {
    const values = agreementValues();
    expect(agreementTermsOf(values)).toMatchObject({ calendarId: null, levels: [] });
    expect(agreementTermsOf({ ...values, calendar: ENTITY_CALENDAR })).toMatchObject({ useEntityCalendar: true });
    expect(agreementValues({ ...agreement, calendarId: null, useEntityCalendar: true }).calendar).toBe(ENTITY_CALENDAR);
  });
});
