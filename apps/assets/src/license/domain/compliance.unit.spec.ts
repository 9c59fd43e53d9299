import { licenseCompliance, softwareCompliance } from './compliance';

const now = new Date('2026-06-01T00:00:00Z');

describe('licence compliance', () => {
  it('counts used and free seats', () => {
    expect(licenseCompliance({ seats: 10, assigned: 3, expiresAt: null }, now)).toEqual({
      seatsBought: 10,
      seatsUsed: 3,
      seatsFree: 7,
      expired: false,
      overQuota: false,
      compliant: true,
    });
  });

  it('is over quota past its seats, and never with unlimited seats', () => {
    expect(licenseCompliance({ seats: 2, assigned: 3, expiresAt: null }, now)).toMatchObject({
      seatsFree: 0,
      overQuota: true,
      compliant: false,
    });
    expect(licenseCompliance({ seats: -1, assigned: 5000, expiresAt: null }, now)).toMatchObject({
      seatsBought: -1,
      seatsFree: null,
      overQuota: false,
      compliant: true,
    });
  });

  it('is not compliant once expired', () => {
    expect(licenseCompliance({ seats: 5, assigned: 1, expiresAt: '2026-05-31T23:59:59Z' }, now)).toMatchObject({
      expired: true,
      compliant: false,
    });
    expect(licenseCompliance({ seats: 5, assigned: 1, expiresAt: '2026-06-02T00:00:00Z' }, now).expired).toBe(false);
  });
});

describe('software compliance', () => {
  it('covers installations with the seats of valid licences', () => {
    const licenses = [
      { seats: 5, assigned: 5, expiresAt: null },
      { seats: 3, assigned: 1, expiresAt: null },
      { seats: 100, assigned: 0, expiresAt: '2026-01-01T00:00:00Z' },
    ];
    expect(softwareCompliance(licenses, 8, now)).toEqual({
      seatsBought: 8,
      seatsAssigned: 6,
      installations: 8,
      uncovered: 0,
      compliant: true,
    });
    expect(softwareCompliance(licenses, 10, now)).toMatchObject({ uncovered: 2, compliant: false });
  });

  it('is compliant with an unlimited licence, and not without any licence once installed', () => {
    expect(softwareCompliance([{ seats: -1, assigned: 0, expiresAt: null }], 900, now)).toMatchObject({
      seatsBought: -1,
      uncovered: 0,
      compliant: true,
    });
    expect(softwareCompliance([], 1, now)).toMatchObject({ seatsBought: 0, uncovered: 1, compliant: false });
    expect(softwareCompliance([], 0, now).compliant).toBe(true);
  });

  it('is not compliant when more seats are assigned than bought (over-quota licences)', () => {
    expect(softwareCompliance([{ seats: 2, assigned: 3, expiresAt: null }], 2, now)).toMatchObject({
      compliant: false,
    });
  });
});
