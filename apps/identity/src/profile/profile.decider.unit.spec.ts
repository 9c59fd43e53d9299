import { DEFAULT_PROFILES, isRight, RIGHTS } from '@itsm/domain';
import type { ProfileEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { profileDecider, SUPER_ADMIN_PROFILE_ID, type ProfileCommand } from './profile.decider';

const spec = deciderSpecification(profileDecider);

const create: ProfileCommand = {
  type: 'create-profile',
  profileId: 'desk',
  name: 'Desk',
  interface: 'central',
  rights: ['ticket.read-all', 'ticket.create'],
};
const created: ProfileEvent = {
  type: 'profile.created',
  data: { profileId: 'desk', name: 'Desk', interface: 'central', rights: ['ticket.create', 'ticket.read-all'] },
};
const superAdminCreated: ProfileEvent = {
  type: 'profile.created',
  data: { profileId: SUPER_ADMIN_PROFILE_ID, name: 'Super-Admin', interface: 'central', rights: [...RIGHTS].sort() },
};
const rightsOf = (profileId: string): string[] =>
  DEFAULT_PROFILES.find((profile) => profile.profileId === profileId)?.rights ?? [];

describe('the profile decider', () => {
  describe('create-profile', () => {
    it('creates a profile with a trimmed name and its rights de-duplicated and sorted', () => {
      spec
        .given([])
        .when({ ...create, name: ' Desk ', rights: ['ticket.read-all', 'ticket.create', 'ticket.read-all'] })
        .then([created]);
    });

    it('refuses unknown rights, naming them', () => {
      spec
        .given([])
        .when({ ...create, rights: ['ticket.create', 'ticket.fly', 'coffee.make'] })
        .thenFails('invalid', /unknown rights: ticket\.fly, coffee\.make/);
    });

    it('refuses a blank name', () => {
      spec
        .given([])
        .when({ ...create, name: '  ' })
        .thenFails('invalid', /name must not be empty/);
    });

    it('refuses to create a profile that already exists', () => {
      spec
        .given([created])
        .when(create)
        .thenFails('conflict', /profile desk already exists/);
    });
  });

  describe('change-profile-rights', () => {
    it('replaces the rights, de-duplicated and sorted', () => {
      spec
        .given([created])
        .when({ type: 'change-profile-rights', rights: ['user.read', 'ticket.create', 'user.read'] })
        .then([
          { type: 'profile.rights-changed', data: { profileId: 'desk', rights: ['ticket.create', 'user.read'] } },
        ]);
    });

    it('does nothing when the rights are the same in another order', () => {
      spec
        .given([created])
        .when({ type: 'change-profile-rights', rights: ['ticket.read-all', 'ticket.create', 'ticket.create'] })
        .then([]);
    });

    it('refuses unknown rights', () => {
      spec
        .given([created])
        .when({ type: 'change-profile-rights', rights: ['ticket.create', 'ticket.teleport'] })
        .thenFails('invalid', /unknown rights: ticket\.teleport/);
    });

    it('refuses a profile that does not exist', () => {
      spec
        .given([])
        .when({ type: 'change-profile-rights', rights: ['ticket.create'] })
        .thenFails('not_found', /no such profile/);
    });

    it('the Super-Admin rights cannot change', () => {
      spec
        .given([superAdminCreated])
        .when({ type: 'change-profile-rights', rights: ['ticket.create'] })
        .thenFails('rule', /Super-Admin profile always holds every right/);
    });
  });

  it('folds its events into the current state', () => {
    const events: ProfileEvent[] = [
      created,
      { type: 'profile.rights-changed', data: { profileId: 'desk', rights: ['user.read'] } },
    ];
    expect(events.reduce(profileDecider.evolve, profileDecider.initialState())).toEqual({
      profileId: 'desk',
      name: 'Desk',
      interface: 'central',
      rights: ['user.read'],
    });
  });
});

describe('the default profiles', () => {
  it('are the seven GLPI profiles', () => {
    expect(DEFAULT_PROFILES.map((profile) => profile.name)).toEqual([
      'Super-Admin',
      'Admin',
      'Supervisor',
      'Technician',
      'Hotliner',
      'Observer',
      'Self-Service',
    ]);
    expect(new Set(DEFAULT_PROFILES.map((profile) => profile.profileId)).size).toBe(7);
  });

  it('only hold rights of the catalogue, each once', () => {
    for (const { rights } of DEFAULT_PROFILES) {
      expect(rights.filter((right) => !isRight(right))).toEqual([]);
      expect(new Set(rights).size).toBe(rights.length);
    }
  });

  it('give Super-Admin every right', () => {
    expect(rightsOf(SUPER_ADMIN_PROFILE_ID)).toEqual([...RIGHTS]);
  });

  it('let Self-Service only create and read its own tickets, in the helpdesk interface', () => {
    const selfService = DEFAULT_PROFILES.find((profile) => profile.profileId === 'self-service');
    expect(selfService?.interface).toBe('helpdesk');
    expect([...(selfService?.rights ?? [])].sort()).toEqual(['ticket.create', 'ticket.read-own']);
  });

  it('let a Technician neither assign tickets nor write users', () => {
    expect(rightsOf('technician')).not.toContain('ticket.assign');
    expect(rightsOf('technician')).not.toContain('user.write');
  });

  it.each(DEFAULT_PROFILES)(
    'seed the $name profile through the decider',
    ({ profileId, name, interface: ui, rights }) => {
      spec
        .given([])
        .when({ type: 'create-profile', profileId, name, interface: ui, rights })
        .then([{ type: 'profile.created', data: { profileId, name, interface: ui, rights: [...rights].sort() } }]);
    },
  );
});
