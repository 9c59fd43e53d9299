import type { SlaChanged, SlaDefined } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { agreementListProjection } from './agreement-list.projection';

const defined = (duration: number): SlaDefined => ({
  type: 'sla.defined',
  data: {
    slaId: 'sla1',
    entityId: 'root',
    recursive: true,
    name: 'TTR 8 h',
    agreement: 'sla',
    kind: 'ttr',
    duration,
    unit: 'hours',
    calendarId: null,
    useEntityCalendar: true,
    levels: [{ levelId: 'l1', name: 'Alerte', offsetMinutes: -30, actions: [] }],
  },
});

describe('the agreement list', () => {
  it('given an agreement defined, then it is listed with its terms and levels', () => {
    expect(projectEvents(agreementListProjection, [defined(8)])).toEqual(defined(8).data);
  });

  it('when defined again, then the latest definition replaces the former', () => {
    expect(projectEvents(agreementListProjection, [defined(8), defined(4)])?.duration).toBe(4);
  });

  it('when its terms change, then they replace the former, its type, kind and entity kept', () => {
    const { entityId: _entity, recursive: _recursive, agreement: _type, kind: _kind, ...terms } = defined(8).data;
    const changed: SlaChanged = { type: 'sla.changed', data: { ...terms, name: 'TTR 4 h', duration: 4, levels: [] } };
    expect(projectEvents(agreementListProjection, [defined(8), changed])).toEqual({
      ...defined(8).data,
      name: 'TTR 4 h',
      duration: 4,
      levels: [],
    });
  });

  it('when deleted, then it stays with when, for the tickets already given it, and no longer counts as live', () => {
    const deleted = { type: 'sla.deleted' as const, data: { slaId: 'sla1' }, occurredAt: '2026-12-01T10:00:00.000Z' };
    expect(projectEvents(agreementListProjection, [defined(8), deleted])).toEqual({
      ...defined(8).data,
      deletedAt: '2026-12-01T10:00:00.000Z',
    });
  });
});
