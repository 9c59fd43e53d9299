import type { EventEnvelope, GroupEvent, UserEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';
import { recipientGroupsProjection, recipientUsersProjection } from './recipients.projections';

/** The document after the events, as the projection store folds them: unhandled types never reach `apply`. */
function project<Doc extends object>(projection: Projection<Doc>, events: Array<UserEvent | GroupEvent>): Doc | null {
  return events.reduce<Doc | null>((doc, event, index) => {
    const envelope: EventEnvelope = {
      id: `e${index + 1}`,
      type: event.type,
      schemaVersion: 1,
      streamId: 'stream',
      sequence: index + 1,
      entityId: 'root',
      occurredAt: '2026-11-30T09:00:00.000Z',
      actor: { kind: 'system', id: 'identity' },
      correlationId: 'c1',
      causationId: 'c1',
      data: event.data,
    };
    return projection.handles.has(envelope.type) ? projection.apply(doc, envelope) : doc;
  }, null);
}

const registered: UserEvent = {
  type: 'user.registered',
  data: {
    userId: 'u1',
    login: 'tech',
    firstName: 'Thomas',
    lastName: 'DURAND',
    emails: ['thomas.durand@example.org', 'td@example.org'],
    phone: null,
    location: null,
    active: true,
    defaultEntityId: 'root',
    defaultProfileId: 'technician',
  },
};
const users = (...events: UserEvent[]) => project(recipientUsersProjection, [registered, ...events]);

const created: GroupEvent = {
  type: 'group.created',
  data: {
    groupId: 'g1',
    name: 'Techniciens',
    parentId: null,
    entityId: 'A',
    recursive: true,
    isRequester: true,
    isObserver: true,
    isAssignee: true,
  },
};
const member = (type: 'group.member-added' | 'group.member-removed', userId: string): GroupEvent => ({
  type,
  data: { groupId: 'g1', userId },
});
const groups = (...events: GroupEvent[]) => project(recipientGroupsProjection, [created, ...events]);

describe('the recipients sla notifies', () => {
  describe('users', () => {
    it('given a user registered, then their name and addresses are kept, the first being the default', () => {
      expect(users()).toEqual({
        userId: 'u1',
        firstName: 'Thomas',
        lastName: 'DURAND',
        displayName: 'DURAND Thomas',
        emails: ['thomas.durand@example.org', 'td@example.org'],
        active: true,
      });
    });

    it('when only some details change, then the others stay', () => {
      expect(
        users({ type: 'user.details-changed', data: { userId: 'u1', emails: ['new@example.org'] } }),
      ).toMatchObject({ displayName: 'DURAND Thomas', emails: ['new@example.org'] });
      expect(users({ type: 'user.details-changed', data: { userId: 'u1', firstName: 'Tom' } })).toMatchObject({
        displayName: 'DURAND Tom',
        emails: ['thomas.durand@example.org', 'td@example.org'],
      });
    });

    it('when deactivated then reactivated, then they are notified again', () => {
      expect(users({ type: 'user.deactivated', data: { userId: 'u1' } })?.active).toBe(false);
      expect(
        users(
          { type: 'user.deactivated', data: { userId: 'u1' } },
          { type: 'user.reactivated', data: { userId: 'u1' } },
        )?.active,
      ).toBe(true);
    });

    it('when erased (GDPR), then nothing personal stays and they are never notified', () => {
      expect(users({ type: 'user.erased', data: { userId: 'u1', pseudonym: 'Utilisateur 42' } })).toEqual({
        userId: 'u1',
        firstName: '',
        lastName: 'Utilisateur 42',
        displayName: 'Utilisateur 42',
        emails: [],
        active: false,
      });
    });

    it('given events of a user never registered, then nothing is kept', () => {
      expect(project(recipientUsersProjection, [{ type: 'user.deactivated', data: { userId: 'u2' } }])).toBeNull();
    });
  });

  describe('groups', () => {
    it('when members are added, once each, and one removed, then the others remain', () => {
      expect(
        groups(
          member('group.member-added', 'u1'),
          member('group.member-added', 'u2'),
          member('group.member-added', 'u1'),
          member('group.member-removed', 'u1'),
        ),
      ).toEqual({ groupId: 'g1', name: 'Techniciens', entityId: 'A', members: ['u2'] });
    });

    it('when renamed, then the name follows; an update without a name keeps it', () => {
      expect(groups({ type: 'group.updated', data: { groupId: 'g1', name: 'Support N2' } })?.name).toBe('Support N2');
      expect(groups({ type: 'group.updated', data: { groupId: 'g1', recursive: false } })?.name).toBe('Techniciens');
    });
  });
});
