import { ABSENT_GIVE_UP_MS, LaggingRows } from './lagging-rows';

describe('the rows behind their events, read again until they show them', () => {
  it('reads a row again after a pause that doubles at each miss, keeping the highest sequence asked', () => {
    const lagging = new LaggingRows();
    lagging.add('a', 3, 0);
    lagging.add('a', 5, 100);
    lagging.add('a', 4, 200);
    expect(lagging.due(499)).toEqual([]);
    expect(lagging.due(500)).toEqual([['a', 5]]);
    lagging.looked('a', 'behind', 500);
    expect(lagging.due(1499)).toEqual([]);
    expect(lagging.due(1500)).toEqual([['a', 5]]);
    lagging.looked('a', 'absent', 1500);
    expect(lagging.due(3499)).toEqual([]);
    expect(lagging.due(3500)).toEqual([['a', 5]]);
    expect(lagging.oldestAgeMs(3500)).toBe(3500);
  });

  it('lets a row go once it reached its sequence', () => {
    const lagging = new LaggingRows();
    lagging.add('a', 1, 0);
    lagging.add('b', 1, 10);
    expect(lagging.looked('a', 'reached', 500)).toBe(false);
    expect(lagging.size).toBe(1);
    expect(lagging.oldestAgeMs(510)).toBe(500);
    expect(lagging.due(10_000)).toEqual([['b', 1]]);
  });

  it('never lets a document behind go, and an absent one only after ten minutes', () => {
    const lagging = new LaggingRows();
    lagging.add('behind', 2, 0);
    lagging.add('absent', 1, 0);
    expect(lagging.looked('behind', 'behind', ABSENT_GIVE_UP_MS * 3)).toBe(false);
    expect(lagging.looked('absent', 'absent', ABSENT_GIVE_UP_MS - 1)).toBe(false);
    expect(lagging.size).toBe(2);
    expect(lagging.looked('absent', 'absent', ABSENT_GIVE_UP_MS)).toBe(true);
    expect(lagging.due(ABSENT_GIVE_UP_MS * 4)).toEqual([['behind', 2]]);
    expect(new LaggingRows().oldestAgeMs(42)).toBe(0);
  });

  it('waits at most 30 s between two reads', () => {
    const lagging = new LaggingRows();
    lagging.add('a', 1, 0);
    const now = 0;
    for (let miss = 0; miss < 12; miss++) {
      lagging.looked('a', 'behind', now);
    }
    expect(lagging.due(now + 29_999)).toEqual([]);
    expect(lagging.due(now + 30_000)).toEqual([['a', 1]]);
  });
});
