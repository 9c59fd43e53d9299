import { Injectable } from '@nestjs/common';
import type { ActorRef } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import { LRUCache } from 'lru-cache';
import {
  directoryEntitiesProjection,
  directoryGroupsProjection,
  directoryUsersProjection,
  type DirectoryEntity,
  type DirectoryGroup,
  type DirectoryUser,
} from './directory.projections';

export interface NamedActor extends ActorRef {
  name: string;
}

/**
 * How long a replica trusts what it read of a user or a group. Identity's changes reach the read
 * model through Kafka anyway; this adds at most as much to that delay, and spares the requests of
 * one person (a creation, then its answer, then the list) reading the same documents again.
 */
export const DIRECTORY_CACHE_MS = 2000;
const CACHED_ENTRIES = 10_000;

/** Holds the reads themselves: requests arriving together for one id share a single read. */
const cache = <Value>() => new LRUCache<string, Promise<Value>>({ max: CACHED_ENTRIES, ttl: DIRECTORY_CACHE_MS });

/** Reads the local copies of identity's users, groups and entities. */
@Injectable()
export class TicketDirectory {
  private readonly knownUsers = cache<DirectoryUser | undefined>();
  private readonly knownGroups = cache<DirectoryGroup | undefined>();
  private readonly membership = cache<string[]>();

  constructor(private readonly projections: ProjectionRegistry) {}

  private users() {
    return this.projections.collection<DirectoryUser>(directoryUsersProjection.name);
  }

  private groups() {
    return this.projections.collection<DirectoryGroup>(directoryGroupsProjection.name);
  }

  private entities() {
    return this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name);
  }

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

  async user(userId: string): Promise<DirectoryUser | null> {
    return (await this.usersById([userId])).get(userId) ?? null;
  }

  async group(groupId: string): Promise<DirectoryGroup | null> {
    return (await this.groupsById([groupId])).get(groupId) ?? null;
  }

  /** Names of the actors; unknown ids (not yet fed) show as their id. */
  async names(actors: ActorRef[]): Promise<Map<string, string>> {
    const ids = (kind: ActorRef['kind']) => [...new Set(actors.filter((a) => a.kind === kind).map((a) => a.id))];
    const [users, groups] = await Promise.all([this.usersById(ids('user')), this.groupsById(ids('group'))]);
    return new Map([
      ...[...users.values()].map((user) => [`user:${user.userId}`, user.displayName] as const),
      ...[...groups.values()].map((group) => [`group:${group.groupId}`, group.name] as const),
    ]);
  }

  private async usersById(userIds: string[]): Promise<Map<string, DirectoryUser>> {
    return this.byId(userIds, this.knownUsers, async (missing) =>
      (await this.users()).find(idFilter('userId', missing)).toArray(),
    );
  }

  private async groupsById(groupIds: string[]): Promise<Map<string, DirectoryGroup>> {
    return this.byId(groupIds, this.knownGroups, async (missing) =>
      (await this.groups()).find(idFilter('groupId', missing)).toArray(),
    );
  }

  /**
   * From the cache, then what it lacks in one query. An id found nowhere is not remembered: it may
   * be fed from identity any moment.
   */
  private async byId<Doc extends DirectoryUser | DirectoryGroup>(
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

  /** The entity's auto-close delay in days (0 = at once), following inheritance; null = never. */
  async autoCloseDays(entityId: string): Promise<number | null> {
    const seen = new Set<string>();
    let current = await (await this.entities()).findOne({ entityId });
    while (current && !seen.has(current.entityId)) {
      seen.add(current.entityId);
      const { autoCloseMode, autoCloseDelayDays } = current.settings;
      if (autoCloseMode === 'never') return null;
      if (autoCloseMode === 'days') return autoCloseDelayDays;
      current = current.parentId ? await (await this.entities()).findOne({ entityId: current.parentId }) : null;
    }
    return null;
  }
}

const idOf = (doc: DirectoryUser | DirectoryGroup) => ('userId' in doc ? doc.userId : doc.groupId);

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
