import { bucketsOfTables, tableIdsOf, tablesTouched, withChanges } from './statistic-tables';

const counters = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('statistic tables', () => {
  it('gathers the buckets of a period and dimension in one document, values spread over parts', () => {
    const delta = new Map([
      ['month|2026-01-01|A|category|c1', counters({ opened: 1 })],
      ['month|2026-01-01|B|category|c1', counters({ opened: 2 })],
      ['month|2026-01-01|A|requester|u1', counters({ opened: 1 })],
      ['day|2026-01-05|A|category|c1', counters({ opened: 1 })],
    ]);
    const touched = tablesTouched(delta);
    expect([...touched.keys()].filter((id) => id.startsWith('month|2026-01-01|category'))).toEqual([
      'month|2026-01-01|category|0',
    ]);
    expect(touched.get('month|2026-01-01|category|0')).toHaveLength(2);
    const requesterTable = [...touched.keys()].find((id) => id.includes('requester'))!;
    expect(tableIdsOf('month', '2026-01-01', 'requester')).toContain(requesterTable);
    expect(tableIdsOf('month', '2026-01-01', 'requester')).toHaveLength(16);
  });

  it('adds changes to a table, bins nested, and drops a bucket brought back to zero', () => {
    const id = 'month|2026-01-01|location|0';
    const first = withChanges(id, null, [
      ['month|2026-01-01|A|location|Salle|2', counters({ solved: 1, solve_n: 1, solve_s: 600, 'solve_h.640': 1 })],
      ['month|2026-01-01|B|location|none', counters({ opened: 1 })],
    ]);
    const second = withChanges(id, first, [
      ['month|2026-01-01|A|location|Salle|2', counters({ solved: 1, solve_n: 1, solve_s: 60, 'solve_h.410': 1 })],
      ['month|2026-01-01|B|location|none', counters({ opened: -1 })],
    ]);
    expect(second).toEqual({
      _id: id,
      p: 'month',
      s: '2026-01-01',
      d: 'location',
      rows: [{ e: 'A', v: 'Salle|2', solved: 2, solve_n: 2, solve_s: 660, solve_h: { '640': 1, '410': 1 } }],
    });
    // the first document is left as it was: the store keeps it as written
    expect(first.rows).toHaveLength(2);
    expect(bucketsOfTables([second])).toEqual(
      new Map([
        [
          'month|2026-01-01|A|location|Salle|2',
          {
            p: 'month',
            s: '2026-01-01',
            e: 'A',
            d: 'location',
            v: 'Salle|2',
            solved: 2,
            solve_n: 2,
            solve_s: 660,
            solve_h: { '640': 1, '410': 1 },
          },
        ],
      ]),
    );
  });
});
