import type { ProjectionStore } from '@itsm/eventsourcing';
import { CachedReads } from './cached-reads';

const storeWith = (changes: { count: number }) =>
  ({
    get changes() {
      return changes.count;
    },
  }) as unknown as ProjectionStore<object>;

describe('CachedReads', () => {
  it('reads once while nothing is applied, again after an apply, again after the TTL', async () => {
    const applied = { count: 0 };
    let now = 1_000;
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    const cache = new CachedReads([storeWith(applied)], 2000);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await cache.read('rules:root', load)).toBe(1);
    expect(await cache.read('rules:root', load)).toBe(1);
    applied.count++;
    expect(await cache.read('rules:root', load)).toBe(2);
    now += 2001;
    expect(await cache.read('rules:root', load)).toBe(3);
    expect(await cache.read('rules:child', load)).toBe(4);
    jest.restoreAllMocks();
  });

  it('forgets a failed read', async () => {
    const cache = new CachedReads([storeWith({ count: 0 })]);
    await expect(cache.read('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.read('k', () => Promise.resolve('back'))).toBe('back');
  });
});
