import type { License } from '../../api/parc-views';
import { licenseTermsOf, licenseTermsValues } from './license-terms';

describe("a licence's terms in its form", () => {
  it('sends unlimited seats as -1 and the expiry at the end of the last day', () => {
    const values = { ...licenseTermsValues(), name: ' Office 2021 ', unlimited: true, expiresOn: '2027-06-30' };
    expect(licenseTermsOf(values)).toEqual({
      name: 'Office 2021',
      serial: null,
      seats: -1,
      expiresAt: '2027-06-30T23:59:59.999Z',
      overQuotaAllowed: false,
    });
  });

  it("shows a licence's terms back as they were sent", () => {
    const license = {
      name: 'Office',
      serial: 'K-1',
      seats: 25,
      expiresAt: '2027-06-30T23:59:59.999Z',
      overQuotaAllowed: true,
    } as License;
    const values = licenseTermsValues(license);
    expect(values).toEqual({
      name: 'Office',
      serial: 'K-1',
      seats: '25',
      unlimited: false,
      expiresOn: '2027-06-30',
      overQuotaAllowed: true,
    });
    expect(licenseTermsOf(values)).toMatchObject({ seats: 25, expiresAt: license.expiresAt, serial: 'K-1' });
  });
});
