import type { EventEnvelope } from '@itsm/contracts';
import { projectionHistory } from './projection-history';

interface Doc {
  name: string;
  total: number;
  seen: string[];
}

const projection = {
  handles: new Set(['thing.created', 'thing.renamed', 'thing.counted', 'thing.looked-at']),
  apply(current: Doc | null, event: EventEnvelope): Doc | null {
    const data = event.data as { name?: string; by?: number; who?: string };
    if (event.type === 'thing.created') return { name: data.name!, total: 0, seen: [] };
    if (!current) return null;
    if (event.type === 'thing.renamed') return { ...current, name: data.name! };
    if (event.type === 'thing.counted') return { ...current, total: current.total + data.by! };
    return { ...current, seen: [...current.seen, data.who!] };
  },
};

const event = (sequence: number, type: string, data: object): EventEnvelope => ({
  id: `e${sequence}`,
  type,
  schemaVersion: 1,
  streamId: 'thing-1',
  sequence,
  entityId: 'root',
  occurredAt: `2026-12-03T09:0${sequence}:00.000Z`,
  actor: { kind: 'user', id: sequence === 1 ? 'glpi' : 'tech' },
  correlationId: 'c',
  causationId: 'c',
  data,
});

describe('a history from a projection', () => {
  it('lists, per event, who and when, and each field it changed from old to new', () => {
    const history = projectionHistory(
      projection,
      [
        event(1, 'thing.created', { name: 'Imprimante' }),
        event(2, 'thing.renamed', { name: 'Imprimante 2e étage' }),
        event(3, 'thing.counted', { by: 2 }),
        event(4, 'thing.looked-at', { who: 'S1' }),
        event(5, 'thing.unknown', {}),
      ],
      ['seen'],
    );
    expect(history).toEqual([
      {
        sequence: 1,
        at: '2026-12-03T09:01:00.000Z',
        actor: { kind: 'user', id: 'glpi' },
        event: 'thing.created',
        changes: [
          { field: 'name', from: null, to: 'Imprimante' },
          { field: 'total', from: null, to: 0 },
        ],
      },
      expect.objectContaining({
        event: 'thing.renamed',
        changes: [{ field: 'name', from: 'Imprimante', to: 'Imprimante 2e étage' }],
      }),
      expect.objectContaining({ event: 'thing.counted', changes: [{ field: 'total', from: 0, to: 2 }] }),
      // a hidden field's change still shows who did what, and when
      expect.objectContaining({ event: 'thing.looked-at', actor: { kind: 'user', id: 'tech' }, changes: [] }),
      expect.objectContaining({ event: 'thing.unknown', changes: [] }),
    ]);
  });
});
