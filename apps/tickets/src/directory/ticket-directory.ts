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

const cache = <Value extends object>() => new LRUCache<string, Value>({ max: CACHED_ENTRIES, ttl: DIRECTORY_CACHE_MS });

/** Reads the local copies of identity's users, groups and entities. */
@Injectable()
export class TicketDirectory {
  private readonly knownUsers = cache<DirectoryUser>();
  private readonly knownGroups = cache<DirectoryGroup>();
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

  async groupIdsOf(userId: string): Promise<string[]> {
    const known = this.membership.get(userId);
    if (known) return known;
    const groups = await (await this.groups()).find({ members: userId }, { projection: { groupId: 1 } }).toArray();
    const groupIds = groups.map((group) => group.groupId);
    this.membership.set(userId, groupIds);
    return groupIds;
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
    known: LRUCache<string, Doc>,
    read: (missing: string[]) => Promise<Doc[]>,
  ): Promise<Map<string, Doc>> {
    const found = new Map<string, Doc>();
    for (const id of ids) {
      const doc = known.get(id);
      if (doc) found.set(id, doc);
    }
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length === 0) return found;
    for (const doc of await read(missing)) {
      known.set(idOf(doc), doc);
      found.set(idOf(doc), doc);
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

/** One id: an equality, which FerretDB hands to PostgreSQL's index; several: `$in`. */
const idFilter = (field: 'userId' | 'groupId', ids: string[]) =>
  ids.length === 1 ? { [field]: ids[0] } : { [field]: { $in: ids } };
