import type { DirectoryEntity, DirectoryGroup, DirectoryUser } from '@itsm/directory';
import { isDomainError } from '@itsm/domain';
import { entitiesSnapshot } from './entities.target';
import { membershipsSnapshot } from './group-memberships.target';
import { groupsSnapshot } from './groups.target';
import { usersSnapshot } from './users.target';

// What identity's targets make of a line, given the importer's copy of identity's directory:
// groups and memberships named within the run's entity, entities within their parent.
const group = (groupId: string, name: string, entityId: string, members: string[] = []): DirectoryGroup => ({
  groupId,
  name,
  entityId,
  parentId: null,
  recursive: false,
  members,
  isRequester: true,
  isObserver: true,
  isAssignee: true,
});
const user = (userId: string, login: string): DirectoryUser => ({
  userId,
  login,
  firstName: '',
  lastName: login.toUpperCase(),
  displayName: login.toUpperCase(),
  emails: [],
  active: true,
});
const entity = (entityId: string, name: string, parentId: string | null): DirectoryEntity => ({
  entityId,
  name,
  parentId,
  settings: { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null },
});

const GROUPS = [
  group('g-support', 'Support N1', 'nantes', ['u-blier']),
  group('g-other', 'Support N1', 'lyon'),
  group('g-root', 'Direction', 'root'),
];

describe('a groups line', () => {
  const snapshot = groupsSnapshot(GROUPS, 'nantes');

  it('finds the run’s entity’s group by name, trimmed, whatever the case', () => {
    expect(snapshot.match({ name: '  support n1 ' }, ['name'])).toEqual({
      id: 'g-support',
      values: { name: 'Support N1' },
    });
  });

  it('finds no group of another entity, a parent’s included', () => {
    expect(snapshot.match({ name: 'Direction' }, ['name'])).toBeNull();
    expect(groupsSnapshot(GROUPS, 'lyon').match({ name: 'Support N1' }, ['name'])?.id).toBe('g-other');
  });

  it('creates the group in the run’s entity (group.create), once for the lines of one name', () => {
    const run = groupsSnapshot(GROUPS, 'nantes');
    expect(run.command('create', null, { name: ' Réseau ', comment: 'left out' }, 'nantes')).toEqual({
      type: 'group.create',
      streamId: expect.any(String),
      data: { name: 'Réseau', entityId: 'nantes' },
    });
    const again = run.command('create', null, { name: 'RÉSEAU' }, 'nantes');
    expect(isDomainError(again) && again.message).toBe('an earlier line of the file creates the group RÉSEAU');
  });

  it('updates the group it found under the file’s spelling (group.update)', () => {
    expect(snapshot.command('update', 'g-support', { name: 'support N1' }, 'nantes')).toEqual({
      type: 'group.update',
      streamId: 'group-g-support',
      data: { groupId: 'g-support', name: 'support N1' },
    });
  });
});

describe('a name two groups of the run’s entity share', () => {
  const shared = [...GROUPS, group('g-support-2', 'support n1', 'nantes')];

  it('finds neither group: a membership or a user’s group is not found (33) rather than guessed', () => {
    expect(
      membershipsSnapshot([user('u-blier', 'bblier')], shared, 'nantes').notFound({
        login: 'bblier',
        group: 'Support N1',
      }),
    ).toEqual(['group']);
    expect(usersSnapshot([], shared, 'nantes').notFound({ login: 'x', group: 'Support N1' })).toEqual(['group']);
  });

  it('makes no third group of that name', () => {
    const snapshot = groupsSnapshot(shared, 'nantes');
    expect(snapshot.match({ name: 'Support N1' }, ['name'])).toBeNull();
    const create = snapshot.command('create', null, { name: 'Support N1' }, 'nantes');
    expect(isDomainError(create) && create.message).toBe('two groups of the entity are named Support N1');
  });
});

describe('a group memberships line', () => {
  const snapshot = membershipsSnapshot([user('u-blier', 'bblier'), user('u-moreau', 'jmoreau')], GROUPS, 'nantes');

  it('adds the user found by login to the group found by name (group.add-member)', () => {
    const values = { login: 'JMOREAU', group: 'support n1' };
    expect(snapshot.notFound(values)).toEqual([]);
    expect(snapshot.match(values, ['login', 'group'])).toBeNull();
    expect(snapshot.command('create', null, values, 'nantes')).toEqual({
      type: 'group.add-member',
      streamId: 'group-g-support',
      data: { groupId: 'g-support', userId: 'u-moreau' },
    });
  });

  it('finds a membership that exists: the line is an update, never a second membership', () => {
    expect(snapshot.match({ login: 'bblier', group: 'Support N1' }, ['login', 'group'])).toEqual({
      id: 'g-support',
      values: { login: 'bblier', group: 'Support N1' },
    });
  });

  it('names the user or the group it does not know (33), a group of another entity too', () => {
    expect(snapshot.notFound({ login: 'nobody', group: 'Direction' })).toEqual(['login', 'group']);
    expect(snapshot.match({ login: 'nobody', group: 'Support N1' }, ['login', 'group'])).toBeNull();
  });
});

describe('a users line’s group', () => {
  const snapshot = usersSnapshot([user('u-blier', 'bblier')], GROUPS, 'nantes');

  it('is joined with the registration (user.register v3), the profile beside it', () => {
    const fields = { login: 'pdewaere', group: 'SUPPORT N1', defaultProfile: 'Technicien' };
    expect(snapshot.notFound(fields)).toEqual([]);
    expect(snapshot.command('create', null, fields, 'nantes')).toMatchObject({
      type: 'user.register',
      schemaVersion: 3,
      data: { login: 'pdewaere', defaultEntityId: 'nantes', profileId: 'technician', groupIds: ['g-support'] },
    });
  });

  it('is joined with an update (user.update v2)', () => {
    expect(snapshot.command('update', 'u-blier', { login: 'bblier', group: 'Support N1' }, 'nantes')).toEqual({
      type: 'user.update',
      schemaVersion: 2,
      streamId: 'user-u-blier',
      data: { userId: 'u-blier', groupIds: ['g-support'] },
    });
  });

  it('is not found beyond the run’s entity (33, left out): the line keeps its v1 or v2 command', () => {
    expect(snapshot.notFound({ login: 'x', group: 'Direction' })).toEqual(['group']);
    // the line's outcome leaves the group out: the command is as without the column
    expect(snapshot.command('create', null, { login: 'x' }, 'nantes')).toMatchObject({
      type: 'user.register',
      schemaVersion: 1,
      data: { login: 'x' },
    });
    expect(snapshot.command('create', null, { login: 'x', defaultProfile: 'Observer' }, 'nantes')).toMatchObject({
      schemaVersion: 2,
      data: { profileId: 'observer' },
    });
  });
});

describe('an entities line', () => {
  const snapshot = entitiesSnapshot([
    entity('root', 'Entité racine', null),
    entity('e-nantes', 'Nantes', 'root'),
    entity('e-agence', 'Agence', 'e-nantes'),
  ]);

  it('creates the entity under the parent named by name or id (entity.create), once for the lines of one name', () => {
    expect(snapshot.notFound({ name: 'Quai', parent: 'nantes' })).toEqual([]);
    expect(snapshot.command('create', null, { name: ' Quai ', parent: 'nantes' }, 'root')).toEqual({
      type: 'entity.create',
      streamId: expect.any(String),
      data: { name: 'Quai', parentId: 'e-nantes' },
    });
    const twin = snapshot.command('create', null, { name: 'quai', parent: 'E-NANTES' }, 'root');
    expect(isDomainError(twin) && twin.message).toBe('an earlier line of the file creates the entity quai');
    expect(snapshot.command('create', null, { name: 'Quai', parent: 'root' }, 'root')).toMatchObject({
      data: { name: 'Quai', parentId: 'root' },
    });
  });

  it('finds an entity by name among its parent’s children only', () => {
    expect(snapshot.match({ name: 'agence', parent: 'Nantes' }, ['name'])?.id).toBe('e-agence');
    expect(snapshot.match({ name: 'Agence', parent: 'root' }, ['name'])).toBeNull();
    expect(snapshot.match({ name: 'Agence' }, ['name'])?.id).toBe('e-agence');
  });

  it('finds no parent by a name two entities share: the line names it by id', () => {
    const shared = entitiesSnapshot([
      entity('root', 'Entité racine', null),
      entity('e-lyon', 'Lyon', 'root'),
      entity('e-lyon-1', 'Agence', 'e-lyon'),
      entity('e-lyon-2', 'agence ', 'root'),
    ]);
    expect(shared.notFound({ name: 'Quai', parent: 'Agence' })).toEqual(['parent']);
    expect(shared.command('create', null, { name: 'Quai', parent: 'e-lyon-2' }, 'root')).toMatchObject({
      data: { parentId: 'e-lyon-2' },
    });
  });

  it('names a parent it does not know (33), and changes no entity it found (32)', () => {
    expect(snapshot.notFound({ name: 'Quai', parent: 'Brest' })).toEqual(['parent']);
    expect(snapshot.match({ name: 'Agence', parent: 'Brest' }, ['name'])).toBeNull();
    const update = snapshot.command('update', 'e-agence', { name: 'Agence' }, 'root');
    expect(isDomainError(update) && update.message).toBe('an import creates entities; it changes none');
  });
});
