import { Injectable } from '@nestjs/common';
import { ProjectionRegistry } from '@itsm/runtime';
import { LRUCache } from 'lru-cache';
import {
  directoryAuthorizationsProjection,
  type DirectoryAuthorization,
  type DirectoryAuthorizations,
} from './directory-authorizations.projection';
import { directoryEntitiesProjection, type DirectoryEntity } from './directory-entities.projection';
import { directoryGroupsProjection, type DirectoryGroup } from './directory-groups.projection';
import { directoryUsersProjection, type DirectoryUser } from './directory-users.projection';
import { inheritedSetting, type SettingPicker } from './inherited-setting';

/**
 * How long a replica trusts what it read of a user or a group. Identity's changes reach the read
 * model through Kafka anyway; this adds at most as much to that delay, and spares the requests of
 * one person (a creation, then its answer, then the list) reading the same documents again.
 */
export const DIRECTORY_CACHE_MS = 2000;
const CACHED_ENTRIES = 10_000;

/** Holds the reads themselves: requests arriving together for one id share a single read. */
const cache = <Value>() => new LRUCache<string, Promise<Value>>({ max: CACHED_ENTRIES, ttl: DIRECTORY_CACHE_MS });

/** Reads the service's local copies of identity's users, groups and entities; never a call to identity. */
@Injectable()
export class DirectoryReader {
  private readonly knownUsers = cache<DirectoryUser | undefined>();
  private readonly knownGroups = cache<DirectoryGroup | undefined>();
  private readonly membership = cache<string[]>();
  private readonly knownAuthorizations = cache<DirectoryAuthorizations | undefined>();

  constructor(private readonly projections: ProjectionRegistry) {}

  async user(userId: string): Promise<DirectoryUser | null> {
    return (await this.usersById([userId])).get(userId) ?? null;
  }

  async group(groupId: string): Promise<DirectoryGroup | null> {
    return (await this.groupsById([groupId])).get(groupId) ?? null;
  }

  /** The groups the user is a member of. */
  groupIdsOf(userId: string): Promise<string[]> {
    let known = this.membership.get(userId);
    if (!known) {
      known = this.groups().then(async (groups) =>
        (await groups.find({ members: userId }, { projection: { groupId: 1 } }).toArray()).map((g) => g.groupId),
      );
      this.membership.set(userId, known);
      forgetOnFailure(this.membership, userId, known);
    }
    return known;
  }

  /** The users found among the ids; unknown ones (not yet fed) are left out. */
  usersById(userIds: string[]): Promise<Map<string, DirectoryUser>> {
    return byId(userIds, this.knownUsers, async (missing) =>
      (await this.users()).find(idFilter('userId', missing)).toArray(),
    );
  }

  groupsById(groupIds: string[]): Promise<Map<string, DirectoryGroup>> {
    return byId(groupIds, this.knownGroups, async (missing) =>
      (await this.groups()).find(idFilter('groupId', missing)).toArray(),
    );
  }

  /** Each user's authorizations (where they belong); a user granted none yet is left out. */
  async authorizationsById(userIds: string[]): Promise<Map<string, DirectoryAuthorization[]>> {
    const found = await byId(userIds, this.knownAuthorizations, async (missing) =>
      (await this.authorizations()).find(idFilter('userId', missing)).toArray(),
    );
    return new Map([...found].map(([userId, doc]) => [userId, doc.authorizations] as const));
  }

  async entity(entityId: string): Promise<DirectoryEntity | null> {
    return (await this.entities()).findOne({ entityId });
  }

  /** A setting as the entity inherits it (see `autoCloseDays`, `defaultCalendarId`). */
  inheritedSetting<Value>(entityId: string, pick: SettingPicker<Value>): Promise<Value | null> {
    return inheritedSetting(entityId, (id) => this.entity(id), pick);
  }

  private users() {
    return this.projections.collection<DirectoryUser>(directoryUsersProjection.name);
  }

  private groups() {
    return this.projections.collection<DirectoryGroup>(directoryGroupsProjection.name);
  }

  private authorizations() {
    return this.projections.collection<DirectoryAuthorizations>(directoryAuthorizationsProjection.name);
  }

  private entities() {
    return this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name);
  }
}

type ById = DirectoryUser | DirectoryGroup | DirectoryAuthorizations;

const idOf = (doc: ById) => ('userId' in doc ? doc.userId : doc.groupId);

/**
 * From the cache, then what it lacks in one query. An id found nowhere is not remembered: it may
 * be fed from identity any moment.
 */
async function byId<Doc extends ById>(
  ids: string[],
  known: LRUCache<string, Promise<Doc | undefined>>,
  read: (missing: string[]) => Promise<Doc[]>,
): Promise<Map<string, Doc>> {
  const reads = new Map(ids.map((id) => [id, known.get(id)] as const));
  const missing = ids.filter((id) => !reads.get(id));
  if (missing.length > 0) {
    const reading = read(missing).then((docs) => new Map(docs.map((doc) => [idOf(doc), doc] as const)));
    for (const id of missing) {
      const one = reading.then((docs) => docs.get(id));
      reads.set(id, one);
      known.set(id, one);
      forgetOnFailure(known, id, one, (doc) => doc === undefined);
    }
  }
  const found = new Map<string, Doc>();
  for (const [id, doc] of await Promise.all([...reads].map(async ([id, one]) => [id, await one] as const))) {
    if (doc) found.set(id, doc);
  }
  return found;
}

/** A failed read (or one whose answer must not be kept) leaves the cache, unless replaced meanwhile. */
function forgetOnFailure<Value>(
  cache: LRUCache<string, Promise<Value>>,
  key: string,
  read: Promise<Value>,
  keepNot: (value: Value) => boolean = () => false,
): void {
  const forget = () => {
    if (cache.get(key) === read) cache.delete(key);
  };
  read.then((value) => keepNot(value) && forget(), forget);
}

/** One id: an equality, which FerretDB hands to PostgreSQL's index; several: `$in`. */
const idFilter = (field: 'userId' | 'groupId', ids: string[]) =>
  ids.length === 1 ? { [field]: ids[0] } : { [field]: { $in: ids } };
