import type { EventEnvelope, IdentityEvent } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import mongoose, { type Connection } from 'mongoose';
import { directoryProjections } from './index';
import { DirectoryReader } from './directory.reader';
import { autoCloseDays, defaultCalendarId } from './inherited-setting';

const stack = useIsolatedStack();
let connection: Connection;
let registry: ProjectionRegistry;
let directory: DirectoryReader;
const sequences = new Map<string, number>();

/** Identity's events as the feed delivers them: one stream per user, group and entity. */
function fromIdentity(streamId: string, event: IdentityEvent): EventEnvelope {
  const sequence = (sequences.get(streamId) ?? 0) + 1;
  sequences.set(streamId, sequence);
  return {
    ...event,
    id: `${streamId}-${sequence}`,
    schemaVersion: 1,
    streamId,
    sequence,
    entityId: 'root',
    occurredAt: new Date().toISOString(),
    actor: { kind: 'system', id: 'identity' },
    correlationId: 'c',
    causationId: 'c',
  };
}

const entity = (entityId: string, parentId: string | null, calendarId: string | null, autoClose: 'inherit' | 'never') =>
  fromIdentity(`entity-${entityId}`, {
    type: 'entity.created',
    data: {
      entityId,
      name: entityId,
      parentId,
      settings: { autoCloseMode: autoClose, autoCloseDelayDays: 0, calendarId },
    },
  });
const user = (userId: string, lastName: string, emails: string[]) =>
  fromIdentity(`user-${userId}`, {
    type: 'user.registered',
    data: {
      userId,
      login: userId,
      firstName: '',
      lastName,
      emails,
      phone: null,
      location: null,
      active: true,
      defaultEntityId: 'root',
      defaultProfileId: null,
    },
  });
const authorization = (userId: string, authorizationId: string, entityId: string, recursive: boolean) =>
  fromIdentity(`user-${userId}`, {
    type: 'user.authorization-granted',
    data: { userId, authorizationId, profileId: 'technician', entityId, recursive },
  });
const memberOf = (groupId: string, userId: string) =>
  fromIdentity(`group-${groupId}`, { type: 'group.member-added', data: { groupId, userId } });
const group = (groupId: string) =>
  fromIdentity(`group-${groupId}`, {
    type: 'group.created',
    data: {
      groupId,
      name: groupId,
      parentId: null,
      entityId: 'root',
      recursive: true,
      isRequester: true,
      isObserver: true,
      isAssignee: true,
    },
  });

beforeAll(async () => {
  connection = await mongoose.createConnection(stack.mongoUrl, { dbName: stack.dbName, maxPoolSize: 5 }).asPromise();
  stack.onTeardown(() => connection.close());
  // fed by identity's topic: no stream of its own to catch up from
  registry = new ProjectionRegistry(connection, [], directoryProjections, { readStream: async () => [] });
  directory = new DirectoryReader(registry);
  await registry.applyInline([
    entity('root', null, 'office-hours', 'never'),
    entity('lyon', 'root', null, 'inherit'),
    user('tech', 'DURAND', ['tech@example.org']),
    user('S1', 'BLIER', []),
    group('support'),
    memberOf('support', 'tech'),
    group('n2'),
    memberOf('n2', 'tech'),
    authorization('tech', 'a1', 'lyon', false),
    authorization('tech', 'a2', 'root', true),
  ]);
});

describe('the directory reader, on the real store', () => {
  it('finds users and groups by id, leaving out those not fed yet', async () => {
    expect(await directory.user('tech')).toMatchObject({ displayName: 'DURAND', emails: ['tech@example.org'] });
    expect(await directory.user('nobody')).toBeNull();
    const users = await directory.usersById(['tech', 'S1', 'nobody']);
    expect([...users.keys()].sort()).toEqual(['S1', 'tech']);
    expect((await directory.group('support'))?.members).toEqual(['tech']);
  });

  it('tells where each user belongs, leaving out those granted nothing yet', async () => {
    const found = await directory.authorizationsById(['tech', 'S1']);
    expect([...found.keys()]).toEqual(['tech']);
    expect(found.get('tech')).toEqual([
      { authorizationId: 'a1', entityId: 'lyon', recursive: false },
      { authorizationId: 'a2', entityId: 'root', recursive: true },
    ]);
  });

  it('lists the groups a user belongs to', async () => {
    expect((await directory.groupIdsOf('tech')).sort()).toEqual(['n2', 'support']);
    expect(await directory.groupIdsOf('S1')).toEqual([]);
  });

  it('reads a setting as the entity inherits it from its ancestors', async () => {
    expect(await directory.inheritedSetting('lyon', defaultCalendarId)).toBe('office-hours');
    expect(await directory.inheritedSetting('lyon', autoCloseDays)).toBeNull();
    expect(await directory.inheritedSetting('unknown', defaultCalendarId)).toBeNull();
  });

  it('learns of a user fed after a first read found nothing', async () => {
    expect(await directory.user('late')).toBeNull();
    await registry.applyInline([user('late', 'TARD', [])]);
    expect((await directory.user('late'))?.displayName).toBe('TARD');
  });
});
