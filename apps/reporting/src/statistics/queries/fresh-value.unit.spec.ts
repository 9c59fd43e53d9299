import { FreshValue } from './fresh-value';

describe('a value queries may use a little old', () => {
  it('is read once, then given from memory while fresh', async () => {
    let reads = 0;
    const value = new FreshValue(async () => ++reads, 60_000);
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
    expect(reads).toBe(1);
  });

  it('is read at every call when it may not be old at all (0)', async () => {
    let reads = 0;
    const value = new FreshValue(async () => ++reads, 0);
    expect([await value.get(), await value.get()]).toEqual([1, 2]);
  });

  it('fails the call when its first read fails', async () => {
    const failing = new FreshValue<number>(async () => Promise.reject(new Error('away')), 60_000);
    await expect(failing.get()).rejects.toThrow('away');
  });
});
