import { partitionLag } from './consumer-lag';

describe('the lag of a consumer group on one partition', () => {
  it('is what lies between its committed offset and the high watermark', () => {
    expect(partitionLag('40', { low: '0', high: '42' })).toBe(2);
    expect(partitionLag('42', { low: '0', high: '42' })).toBe(0);
  });

  it('counts every message kept when the group has committed nothing yet', () => {
    expect(partitionLag('-1', { low: '10', high: '42' })).toBe(32);
  });

  it('is 0 for a partition the broker did not describe, and never negative', () => {
    expect(partitionLag('5', undefined)).toBe(0);
    expect(partitionLag('50', { low: '0', high: '42' })).toBe(0);
  });
});
