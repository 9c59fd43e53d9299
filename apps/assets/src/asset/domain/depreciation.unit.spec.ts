import { netValue, type Depreciation } from './depreciation';

const bought: Depreciation = { value: 1000, method: 'linear', years: 4, coefficient: null, startDate: '2024-01-01' };

describe('the net book value', () => {
  it('is the whole value before and on the first day', () => {
    expect(netValue(bought, '2023-06-01')).toBe(1000);
    expect(netValue(bought, '2024-01-01')).toBe(1000);
  });

  it('falls evenly over the years when linear', () => {
    expect(netValue(bought, '2025-01-01')).toBe(750);
    expect(netValue(bought, '2026-01-01')).toBe(500);
    // half-way through the third year (2026 has 365 days: 1 July is day 181)
    expect(netValue(bought, '2026-07-02')).toBeCloseTo(500 - 250 * (182 / 365), 1);
  });

  it('is nothing once the years are over', () => {
    expect(netValue(bought, '2028-01-01')).toBe(0);
    expect(netValue(bought, '2040-01-01')).toBe(0);
  });

  it('takes coefficient / years of what is left each year when decreasing, then the linear rest', () => {
    const decreasing: Depreciation = { ...bought, method: 'decreasing', coefficient: 2 };
    // 50 % a year: 1000 → 500 → 250, then the linear share of the last two years (125 each)
    expect(netValue(decreasing, '2025-01-01')).toBe(500);
    expect(netValue(decreasing, '2026-01-01')).toBe(250);
    expect(netValue(decreasing, '2027-01-01')).toBe(125);
    expect(netValue(decreasing, '2028-01-01')).toBe(0);
  });

  it('never rises and never goes below nothing', () => {
    const decreasing: Depreciation = { ...bought, method: 'decreasing', coefficient: 1.75, years: 5 };
    let previous = Infinity;
    for (let month = 0; month < 80; month += 1) {
      const day = new Date(Date.UTC(2024, month, 15)).toISOString().slice(0, 10);
      const value = netValue(decreasing, day);
      expect(value).toBeLessThanOrEqual(previous);
      expect(value).toBeGreaterThanOrEqual(0);
      previous = value;
    }
  });
});
