import type { FieldError } from '@itsm/domain';
import {
  groupsServing,
  referencesRefusal,
  type AssetFacts,
  type CategoryFacts,
  type GroupFacts,
  type Reference,
  type UserFacts,
} from './ticket-references';

// The tree: root > A > A1, and B beside A. The ticket lives in A1 unless told otherwise.
const inA1 = { entityId: 'A1', ancestors: ['A', 'root'] };
const inA = { entityId: 'A', ancestors: ['root'] };

const user = (entityId: string, recursive: boolean, active = true): UserFacts => ({
  login: `u-${entityId}`,
  active,
  authorizations: [{ entityId, recursive }],
});
const group = (entityId: string, recursive: boolean, isAssignee = true): GroupFacts => ({
  name: `g-${entityId}`,
  entityId,
  recursive,
  isAssignee,
});
const category = (entityId: string, recursive: boolean, forIncidents = true): CategoryFacts => ({
  name: `c-${entityId}`,
  entityId,
  recursive,
  forIncidents,
  forRequests: true,
});

const errors = (place: typeof inA, ...references: Reference[]): FieldError[] =>
  referencesRefusal(place, references)?.errors ?? [];
const requester = (found: UserFacts | null, id = 'u1'): Reference => ({
  field: 'requesters.0.id',
  kind: 'user',
  id,
  found,
});
const assignedGroup = (found: GroupFacts | null, id = 'g1'): Extract<Reference, { kind: 'group' }> => ({
  field: 'assignees.0.id',
  kind: 'group',
  id,
  found,
  role: 'assignee',
});
const categoryId = (found: CategoryFacts | null, ticketType: 'incident' | 'request' = 'incident'): Reference => ({
  field: 'categoryId',
  kind: 'category',
  id: 'c1',
  found,
  ticketType,
});

describe('users named by a ticket (actors, approvers, technicians)', () => {
  it('given an authorization on the ticket’s entity, or a recursive one above it, then the user belongs', () => {
    expect(errors(inA1, requester(user('A1', false)))).toEqual([]);
    expect(errors(inA1, requester(user('A', true)))).toEqual([]);
    expect(errors(inA1, requester(user('root', true)))).toEqual([]);
  });

  it('given only a sibling entity, then the user is refused, naming the field and why', () => {
    expect(errors(inA1, requester(user('B', true)))).toEqual([
      {
        field: 'requesters.0.id',
        message: 'user u1 does not belong to entity A1: no authorization there, nor a recursive one above it',
      },
    ]);
  });

  it('given an authorization above that is not recursive, or one below, then the user is refused', () => {
    expect(errors(inA1, requester(user('A', false)))).toHaveLength(1);
    expect(errors(inA, requester(user('A1', true)))).toHaveLength(1);
  });

  it('given several authorizations, then any one reaching the entity will do', () => {
    const both: UserFacts = {
      login: 'x',
      active: true,
      authorizations: [...user('B', true).authorizations, ...user('A', true).authorizations],
    };
    expect(errors(inA1, requester(both))).toEqual([]);
  });

  it('given no authorization at all, an unknown or a deactivated user, then each says so', () => {
    expect(errors(inA, requester({ login: 'new', active: true, authorizations: [] }))[0].message).toMatch(
      /^user u1 does not belong to entity A/,
    );
    expect(errors(inA, requester(null))).toEqual([{ field: 'requesters.0.id', message: 'unknown user u1' }]);
    expect(errors(inA, requester(user('A', true, false)))).toEqual([
      { field: 'requesters.0.id', message: 'user u-A is deactivated' },
    ]);
  });
});

describe('groups named by a ticket', () => {
  it('given a group of the entity, or recursive from above, then it is visible', () => {
    expect(errors(inA1, assignedGroup(group('A1', false)))).toEqual([]);
    expect(errors(inA1, assignedGroup(group('root', true)))).toEqual([]);
  });

  it('given a group of a sibling entity, or not recursive from above, then it is refused', () => {
    expect(errors(inA1, assignedGroup(group('B', true)))).toEqual([
      {
        field: 'assignees.0.id',
        message: 'group g1 is not visible in entity A1: neither of it nor recursive from an entity above it',
      },
    ]);
    expect(errors(inA1, assignedGroup(group('A', false)))).toHaveLength(1);
  });

  it('given an assignee group that may not be assigned, or an unknown one, then each says so', () => {
    expect(errors(inA, assignedGroup(group('A', false, false)))).toEqual([
      { field: 'assignees.0.id', message: 'group g-A cannot be assigned tickets' },
    ]);
    expect(errors(inA, { ...assignedGroup(group('A', false, false)), role: 'observer' })).toEqual([]);
    expect(errors(inA, assignedGroup(null))).toEqual([{ field: 'assignees.0.id', message: 'unknown group g1' }]);
  });
});

describe('the ITIL category', () => {
  it('given a category of the entity, or recursive from above, offered for the type, then it is usable', () => {
    expect(errors(inA1, categoryId(category('A1', false)))).toEqual([]);
    expect(errors(inA1, categoryId(category('root', true)))).toEqual([]);
  });

  it('given a category of a sibling entity, or not recursive from above, then it is refused', () => {
    expect(errors(inA1, categoryId(category('B', true)))).toEqual([
      {
        field: 'categoryId',
        message: 'category c1 is not visible in entity A1: neither of it nor recursive from an entity above it',
      },
    ]);
    expect(errors(inA1, categoryId(category('root', false)))).toHaveLength(1);
  });

  it('given a category not offered for the type, or unknown, then each says so', () => {
    expect(errors(inA, categoryId(category('A', false, false)))).toEqual([
      { field: 'categoryId', message: 'category c-A is not offered for incidents' },
    ]);
    expect(errors(inA, categoryId(category('A', false, false), 'request'))).toEqual([]);
    expect(errors(inA, categoryId(null))).toEqual([{ field: 'categoryId', message: 'unknown category c1' }]);
  });
});

describe('the items (assets) linked to a ticket', () => {
  const asset = (entityId: string, recursive: boolean, more: Partial<AssetFacts> = {}): AssetFacts => ({
    assetType: 'printer',
    name: 'HP-BLIER',
    userId: 'u-blier',
    trashed: false,
    entityId,
    recursive,
    ...more,
  });
  const item = (found: AssetFacts | null, more: { itemType?: string; ownerId?: string } = {}): Reference => ({
    field: 'items.0.itemId',
    kind: 'asset',
    id: 'p1',
    found,
    itemType: more.itemType ?? 'printer',
    ...(more.ownerId ? { ownerId: more.ownerId } : {}),
  });

  it('given an asset of the entity, or recursive from above, of the type named, then it may be linked', () => {
    expect(errors(inA1, item(asset('A1', false)), item(asset('A', true)))).toEqual([]);
  });

  it('given an asset of a sibling entity, or not recursive from above, then it is refused', () => {
    expect(errors(inA1, item(asset('B', true)))).toEqual([
      {
        field: 'items.0.itemId',
        message: 'asset p1 is not visible in entity A1: neither of it nor recursive from an entity above it',
      },
    ]);
    expect(errors(inA1, item(asset('A', false)))).toHaveLength(1);
  });

  it('given an unknown, a trashed asset or one of another type, then each says so', () => {
    expect(
      errors(
        inA,
        item(null),
        item(asset('A', false, { trashed: true })),
        item(asset('A', false), { itemType: 'computer' }),
      ),
    ).toEqual([
      { field: 'items.0.itemId', message: 'unknown asset p1' },
      { field: 'items.0.itemId', message: 'asset HP-BLIER is in the trash' },
      { field: 'items.0.itemId', message: 'asset p1 is a printer, not a computer' },
    ]);
  });

  it('given a self-service caller, then only their own devices may be linked', () => {
    expect(errors(inA, item(asset('A', false), { ownerId: 'u-blier' }))).toEqual([]);
    expect(errors(inA, item(asset('A', false), { ownerId: 'u-other' }))).toEqual([
      { field: 'items.0.itemId', message: 'asset HP-BLIER is not one of your devices' },
    ]);
  });
});

describe('the refusal', () => {
  it('given every reference good, then there is none', () => {
    expect(referencesRefusal(inA, [requester(user('A', false)), categoryId(category('A', false))])).toBeNull();
  });

  it('given several refused, then one 422 (rule) names each field', () => {
    const refusal = referencesRefusal(inA1, [
      requester(user('B', true)),
      { field: 'observers.0.id', kind: 'user', id: 'u2', found: user('A1', false) },
      assignedGroup(group('B', true)),
    ]);
    expect(refusal?.code).toBe('rule');
    expect(refusal?.errors?.map((error) => error.field)).toEqual(['requesters.0.id', 'assignees.0.id']);
    expect(refusal?.message).toMatch(
      /^requesters\.0\.id: user u1 does not belong .*; assignees\.0\.id: group g1 is not visible/,
    );
  });
});

describe('the groups an SLA level assigns', () => {
  it('keeps those that serve the ticket’s entity and those not known here yet, leaves out the others', () => {
    const known = new Map([
      ['support', group('root', true)],
      ['atelier', group('A', false)],
      ['support-b', group('B', true)],
    ]);
    expect(groupsServing(inA1, ['support', 'atelier', 'support-b', 'not-fed-yet'], known)).toEqual([
      'support',
      'not-fed-yet',
    ]);
    expect(groupsServing(inA, ['support', 'atelier', 'support-b'], known)).toEqual(['support', 'atelier']);
  });
});
