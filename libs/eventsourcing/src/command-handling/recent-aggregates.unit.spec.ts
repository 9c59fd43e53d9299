import { approximateSize, RecentAggregates } from './recent-aggregates';

describe('the states this process wrote lately', () => {
  it('are bounded by their size as well as by their count', () => {
    const large = { software: Array.from({ length: 1000 }, (_, i) => ({ name: `software ${i}`, version: '1.0.0' })) };
    expect(approximateSize(large)).toBeGreaterThan(100_000);
    const recent = new RecentAggregates({ capacity: 1000, maxBytes: 10 * approximateSize(large) });
    for (let i = 0; i < 50; i++) recent.remember(`computer-${i}`, { state: large, version: 1 });
    expect(recent.size).toBeLessThanOrEqual(10);
    expect(recent.get('computer-49')).toEqual({ state: large, version: 1 }); // the latest stay
    expect(recent.get('computer-0')).toBeUndefined();
  });

  it('keep many small states up to the count', () => {
    const recent = new RecentAggregates({ capacity: 100 });
    for (let i = 0; i < 150; i++) recent.remember(`ticket-${i}`, { state: { status: 'new', i }, version: i });
    expect([recent.size, recent.get('ticket-149')?.version, recent.get('ticket-0')]).toEqual([100, 149, undefined]);
  });
});
