import { projectEvents } from '@itsm/testing';
import { officeLicenseCreated } from '../../test-support/software-events';
import { licenseListProjection } from './license-list.projection';

const created = { ...officeLicenseCreated, occurredAt: '2026-12-01T08:00:00.000Z' };
const assigned = (computerId: string) => ({
  type: 'license.computer-assigned' as const,
  data: { licenseId: 'l1', computerId },
  occurredAt: '2026-12-02T08:00:00.000Z',
});

describe('license_list', () => {
  it('keeps the terms and the computers holding a seat', () => {
    const unassigned = { type: 'license.computer-unassigned' as const, data: { licenseId: 'l1', computerId: 'c1' } };
    const changed = {
      type: 'license.changed' as const,
      data: { licenseId: 'l1', seats: 5 },
      occurredAt: '2026-12-03T08:00:00.000Z',
    };
    expect(
      projectEvents(licenseListProjection, [created, assigned('c1'), assigned('c2'), unassigned, changed]),
    ).toEqual({
      ...created.data,
      seats: 5,
      computerIds: ['c2'],
      createdAt: '2026-12-01T08:00:00.000Z',
      updatedAt: '2026-12-03T08:00:00.000Z',
    });
  });

  it('follows the version it covers', () => {
    const toV2 = { type: 'license.changed' as const, data: { licenseId: 'l1', versionId: 'v2' } };
    expect(projectEvents(licenseListProjection, [created, toV2])?.versionId).toBe('v2');
  });

  it('forgets a deleted licence', () => {
    const deleted = { type: 'license.deleted' as const, data: { licenseId: 'l1' } };
    expect(projectEvents(licenseListProjection, [created, assigned('c1'), deleted])).toBeNull();
  });
});
