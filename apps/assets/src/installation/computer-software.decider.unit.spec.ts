import { deciderSpecification } from '@itsm/testing';
import { computerSoftwareDecider, type ComputerSoftwareCommand } from './computer-software.decider';

const spec = deciderSpecification(computerSoftwareDecider);

const ids = { computerId: 'c1', softwareId: 's1', versionId: 'v1' };
const install = (present: boolean): ComputerSoftwareCommand => ({
  type: 'install-software',
  ...ids,
  installedAt: '2026-01-05T08:00:00.000Z',
  present,
});
const uninstall = (present: boolean): ComputerSoftwareCommand => ({ type: 'uninstall-software', ...ids, present });
const installed = {
  type: 'software.installed' as const,
  data: { ...ids, installedAt: '2026-01-05T08:00:00.000Z' },
};
const uninstalled = { type: 'software.uninstalled' as const, data: ids };

describe('manual installations of a computer', () => {
  it('installs a version the computer does not have', () => {
    spec.given([]).when(install(false)).then([installed]);
  });

  it('refuses a version already there, by inventory or by hand', () => {
    spec
      .given([])
      .when(install(true))
      .thenFails('conflict', /already installed/);
  });

  it('uninstalls a version that is there, and refuses one that is not', () => {
    spec.given([installed]).when(uninstall(true)).then([uninstalled]);
    spec
      .given([installed, uninstalled])
      .when(uninstall(false))
      .thenFails('not_found', /not installed/);
  });

  it('follows what is there now: an inventory may have removed what a person installed', () => {
    spec.given([installed]).when(install(false)).then([installed]);
  });
});
