import { projectEvents } from '@itsm/testing';
import { DEFAULT_OPTIONS } from '../../../model/domain/import-options';
import { lineOutcome } from '../../domain/line-outcome';
import type { ImportSoftwareDoc } from '../software/import-software.projection';
import { importLicensesProjection, type ImportLicenseDoc } from './import-licenses.projection';
import { licensesSnapshot } from './licenses.target';

const software = (softwareId: string, name: string): ImportSoftwareDoc => ({
  softwareId,
  entityId: 'A',
  recursive: true,
  name,
  publisher: null,
  comment: null,
  versions: [],
});
const license = (licenseId: string, softwareId: string, name: string, serial: string | null): ImportLicenseDoc => ({
  licenseId,
  softwareId,
  entityId: 'A',
  recursive: true,
  name,
  serial,
  seats: 25,
  expiresAt: '2027-12-31T23:59:59.000Z',
});
const snapshot = licensesSnapshot(
  [software('office', 'Microsoft Office'), software('acrobat', 'Adobe Acrobat')],
  [license('l1', 'office', 'Office 2021', 'KEY-1'), license('l2', 'acrobat', 'Office 2021', null)],
);

describe('a licenses line is found by its link fields, its software by name', () => {
  it('given two licences named alike, then the software tells them apart', () => {
    expect(snapshot.match({ name: 'office 2021', software: 'adobe acrobat' }, ['name', 'software'])?.id).toBe('l2');
    expect(snapshot.match({ name: 'Office 2021', software: 'Microsoft Office' }, ['name', 'software'])).toEqual({
      id: 'l1',
      values: { name: 'Office 2021', serial: 'KEY-1', seats: 25, expiresOn: '2027-12-31' },
    });
  });

  it('given the serial as link field, then it finds its licence alone', () => {
    expect(snapshot.match({ serial: ' KEY-1 ' }, ['serial'])?.id).toBe('l1');
    expect(snapshot.match({ serial: 'KEY-2' }, ['serial'])).toBeNull();
  });

  it('given a software nobody has, then the line is refused (33): a licence is of a software', () => {
    const values = { name: 'Visio', software: 'Microsoft Visio', seats: 2 };
    expect(snapshot.notFound(values)).toEqual(['software']);
    const outcome = lineOutcome(
      { values, problems: [] },
      { type: 'licenses', options: DEFAULT_OPTIONS, existing: null, notFound: snapshot.notFound(values) },
    );
    expect(outcome).toMatchObject({ action: 'refuse', code: 33, problems: [{ field: 'software' }] });
  });

  it('given no seats, then the line cannot create a licence (23)', () => {
    const values = { name: 'Visio', software: 'Microsoft Office' };
    const outcome = lineOutcome(
      { values, problems: [] },
      { type: 'licenses', options: DEFAULT_OPTIONS, existing: null, notFound: [] },
    );
    expect(outcome).toMatchObject({ action: 'refuse', code: 23, problems: [{ field: 'seats' }] });
  });
});

describe('a licenses line becomes assets’ commands', () => {
  it('given nothing found, when created, then license.create names the software, the terms, the expiry’s last second', () => {
    const fields = { name: 'Visio', software: 'microsoft office', serial: 'K', seats: 3, expiresOn: '2026-06-30' };
    expect(snapshot.command('create', null, fields, 'A')).toMatchObject({
      type: 'license.create',
      data: {
        softwareId: 'office',
        entityId: 'A',
        name: 'Visio',
        serial: 'K',
        seats: 3,
        expiresAt: '2026-06-30T23:59:59.000Z',
      },
    });
  });

  it('given a licence found, when updated, then license.update changes its terms, never its software', () => {
    const command = snapshot.command(
      'update',
      'l1',
      { name: 'Office 2021', software: 'Adobe Acrobat', seats: 30 },
      'A',
    );
    expect(command).toEqual({
      type: 'license.update',
      streamId: 'license-l1',
      data: { licenseId: 'l1', name: 'Office 2021', seats: 30 },
    });
  });
});

describe('import_licenses', () => {
  it('follows a licence’s changes and its deletion', () => {
    const created = {
      type: 'license.created' as const,
      data: { ...license('l1', 'office', 'Office', null), versionId: null, overQuotaAllowed: false },
    };
    const changed = { type: 'license.changed' as const, data: { licenseId: 'l1', seats: 30, serial: 'K' } };
    expect(projectEvents(importLicensesProjection, [created, changed])).toMatchObject({ seats: 30, serial: 'K' });
    const deleted = { type: 'license.deleted' as const, data: { licenseId: 'l1' } };
    expect(projectEvents(importLicensesProjection, [created, deleted])).toBeNull();
  });
});
