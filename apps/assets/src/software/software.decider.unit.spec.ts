import { deciderSpecification } from '@itsm/testing';
import { softwareDecider, type SoftwareSpec, type VersionSpec } from './software.decider';

const spec = deciderSpecification(softwareDecider);

const firefox: SoftwareSpec = {
  softwareId: 's1',
  entityId: 'root',
  recursive: true,
  name: '  Mozilla   Firefox ',
  publisher: ' Mozilla ',
  comment: null,
};
const created = {
  type: 'software.created' as const,
  data: { ...firefox, name: 'Mozilla Firefox', publisher: 'Mozilla' },
};
const v115: VersionSpec = { versionId: 'v115', name: ' 115.0.2 ', arch: 'x86_64' };
const v115Added = {
  type: 'software.version-added' as const,
  data: { softwareId: 's1', versionId: 'v115', name: '115.0.2', arch: 'x86_64' },
};
const v120Added = {
  type: 'software.version-added' as const,
  data: { softwareId: 's1', versionId: 'v120', name: '120.0', arch: null },
};

describe('software decider', () => {
  describe('create-software', () => {
    it('adds the software with its names cleaned', () => {
      spec
        .given([])
        .when({ type: 'create-software', ...firefox })
        .then([created]);
    });

    it('refuses a software that exists already (same entity, name and publisher)', () => {
      spec
        .given([created])
        .when({ type: 'create-software', ...firefox })
        .thenFails('conflict', /already exists/);
    });

    it('refuses a blank name, naming the field', () => {
      spec
        .given([])
        .when({ type: 'create-software', ...firefox, name: ' \t ' })
        .thenFails('invalid', /name: must not be empty/);
    });

    it('keeps a blank publisher as none', () => {
      spec
        .given([])
        .when({ type: 'create-software', ...firefox, publisher: '  ' })
        .then([{ ...created, data: { ...created.data, publisher: null } }]);
    });
  });

  describe('add-version', () => {
    it('adds a version of a known software', () => {
      spec.given([created]).when({ type: 'add-version', softwareId: 's1', version: v115 }).then([v115Added]);
    });

    it('refuses a version of an unknown software, or one there already', () => {
      spec.given([]).when({ type: 'add-version', softwareId: 's1', version: v115 }).thenFails('not_found');
      spec
        .given([created, v115Added])
        .when({ type: 'add-version', softwareId: 's1', version: v115 })
        .thenFails('conflict', /115.0.2/);
    });
  });

  describe('register-found (an inventory)', () => {
    const found = {
      type: 'register-found' as const,
      software: firefox,
      versions: [v115, { versionId: 'v120', name: '120.0', arch: null }, v115],
    };

    it('creates the software and each version once', () => {
      spec.given([]).when(found).then([created, v115Added, v120Added]);
    });

    it('adds only what is missing, and nothing when all is known', () => {
      spec.given([created, v115Added]).when(found).then([v120Added]);
      spec.given([created, v115Added, v120Added]).when(found).then([]);
    });
  });
});
