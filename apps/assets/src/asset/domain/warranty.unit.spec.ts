import { warrantyExpiresOn, warrantyNoticeDay } from './warranty';

describe('the warranty', () => {
  it('ends the day before its start plus the months', () => {
    expect(warrantyExpiresOn({ warrantyStartDate: '2024-01-01', warrantyMonths: 12 })).toBe('2024-12-31');
    expect(warrantyExpiresOn({ warrantyStartDate: '2024-01-31', warrantyMonths: 1 })).toBe('2024-02-28');
  });

  it('never ends when lifelong (-1), and is unknown without a start or a duration', () => {
    expect(warrantyExpiresOn({ warrantyStartDate: '2024-01-01', warrantyMonths: -1 })).toBeNull();
    expect(warrantyExpiresOn({ warrantyStartDate: null, warrantyMonths: 12 })).toBeNull();
    expect(warrantyExpiresOn({ warrantyStartDate: '2024-01-01' })).toBeNull();
  });

  it('is announced the given number of days before its end', () => {
    expect(warrantyNoticeDay('2024-12-31', 30)).toBe('2024-12-01');
    expect(warrantyNoticeDay('2024-12-31', 0)).toBe('2024-12-31');
  });
});
