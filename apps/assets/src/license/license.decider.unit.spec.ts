import { deciderSpecification } from '@itsm/testing';
import { officeLicenseCreated } from '../test-support/software-events';
import { licenseDecider, type LicenseCommand } from './license.decider';

const spec = deciderSpecification(licenseDecider);

const create: LicenseCommand = {
  type: 'create-license',
  licenseId: 'l1',
  softwareId: 's1',
  versionId: null,
  entityId: 'root',
  recursive: true,
  name: ' Office  2021 ',
  serial: '  ',
  seats: 2,
  expiresAt: null,
  overQuotaAllowed: false,
};
const created = officeLicenseCreated;
const assigned = (computerId: string) => ({
  type: 'license.computer-assigned' as const,
  data: { licenseId: 'l1', computerId },
});
const assign = (computerId: string): LicenseCommand => ({ type: 'assign-computer', licenseId: 'l1', computerId });

describe('licence decider', () => {
  it('records a licence with its terms cleaned', () => {
    spec.given([]).when(create).then([created]);
  });

  it('refuses a licence twice, and seats below -1 or fractional', () => {
    spec.given([created]).when(create).thenFails('conflict');
    spec
      .given([])
      .when({ ...create, seats: -2 })
      .thenFails('invalid', /seats/);
    spec
      .given([])
      .when({ ...create, seats: 1.5 })
      .thenFails('invalid', /seats/);
  });

  describe('assigning computers', () => {
    it('gives seats while some are free; the same computer again changes nothing', () => {
      spec
        .given([created])
        .when(assign('c1'))
        .then([assigned('c1')]);
      spec
        .given([created, assigned('c1')])
        .when(assign('c1'))
        .then([]);
    });

    it('refuses a computer past the seats when over-quota is not allowed', () => {
      spec
        .given([created, assigned('c1'), assigned('c2')])
        .when(assign('c3'))
        .thenFails('rule', /all 2 seats of licence Office 2021 are assigned/);
    });

    it('assigns past the seats when over-quota is allowed, and without limit when unlimited', () => {
      const overQuota = { ...created, data: { ...created.data, overQuotaAllowed: true } };
      spec
        .given([overQuota, assigned('c1'), assigned('c2')])
        .when(assign('c3'))
        .then([assigned('c3')]);
      const unlimited = { ...created, data: { ...created.data, seats: -1 } };
      spec
        .given([unlimited, assigned('c1'), assigned('c2')])
        .when(assign('c3'))
        .then([assigned('c3')]);
    });

    it('frees a seat on unassigning, and refuses a computer that holds none', () => {
      const unassigned = { type: 'license.computer-unassigned' as const, data: { licenseId: 'l1', computerId: 'c1' } };
      spec
        .given([created, assigned('c1')])
        .when({ type: 'unassign-computer', licenseId: 'l1', computerId: 'c1' })
        .then([unassigned]);
      spec
        .given([created, assigned('c1'), assigned('c2'), unassigned])
        .when(assign('c3'))
        .then([assigned('c3')]);
      spec
        .given([created])
        .when({ type: 'unassign-computer', licenseId: 'l1', computerId: 'c1' })
        .thenFails('not_found', /holds no seat/);
    });
  });

  describe('changing terms', () => {
    it('records only what changed', () => {
      spec
        .given([created])
        .when({ type: 'change-license', licenseId: 'l1', changes: { name: 'Office 2021', seats: 5 } })
        .then([{ type: 'license.changed', data: { licenseId: 'l1', seats: 5 } }]);
      spec
        .given([created])
        .when({ type: 'change-license', licenseId: 'l1', changes: { seats: 2 } })
        .then([]);
    });

    it('refuses fewer seats than computers holding one, unless over-quota is allowed at once', () => {
      const full = [created, assigned('c1'), assigned('c2')];
      spec
        .given(full)
        .when({ type: 'change-license', licenseId: 'l1', changes: { seats: 1 } })
        .thenFails('rule', /seats: .*2 computers would hold one/);
      spec
        .given(full)
        .when({ type: 'change-license', licenseId: 'l1', changes: { seats: 1, overQuotaAllowed: true } })
        .then([{ type: 'license.changed', data: { licenseId: 'l1', seats: 1, overQuotaAllowed: true } }]);
    });
    it('covers another version, then any version again; the version it covers already changes nothing', () => {
      const change = (versionId: string | null): LicenseCommand => ({
        type: 'change-license',
        licenseId: 'l1',
        changes: { versionId },
      });
      const toV2 = { type: 'license.changed' as const, data: { licenseId: 'l1', versionId: 'v2' } };
      spec.given([created]).when(change('v2')).then([toV2]);
      spec.given([created]).when(change(null)).then([]);
      spec
        .given([created, toV2])
        .when(change(null))
        .then([{ type: 'license.changed', data: { licenseId: 'l1', versionId: null } }]);
      spec.given([created, toV2]).when(change('v2')).then([]);
    });
  });

  it('deletes a licence; a deleted or unknown one is not found', () => {
    const deleted = { type: 'license.deleted' as const, data: { licenseId: 'l1' } };
    spec.given([created]).when({ type: 'delete-license', licenseId: 'l1' }).then([deleted]);
    spec.given([created, deleted]).when(assign('c1')).thenFails('not_found');
    spec.given([]).when({ type: 'delete-license', licenseId: 'l1' }).thenFails('not_found');
  });
});
