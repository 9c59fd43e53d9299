import { lastYear } from './statistics-range';

describe("the statistics dashboard's range", () => {
  it('covers the twelve months up to today, today included', () => {
    expect(lastYear(new Date('2026-12-04T02:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-05' });
    expect(lastYear(new Date('2026-01-31T12:00:00Z'))).toEqual({ from: '2025-02-01', to: '2026-02-01' });
  });
});
