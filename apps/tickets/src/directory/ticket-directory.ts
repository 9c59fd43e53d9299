import { Injectable } from '@nestjs/common';
import type { ActorRef } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
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

/** Reads the local copies of identity's users, groups and entities. */
@Injectable()
export class TicketDirectory {
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
    const groups = await (await this.groups()).find({ members: userId }, { projection: { groupId: 1 } }).toArray();
    return groups.map((group) => group.groupId);
  }

  async user(userId: string): Promise<DirectoryUser | null> {
    return (await this.users()).findOne({ userId });
  }

  async group(groupId: string): Promise<DirectoryGroup | null> {
    return (await this.groups()).findOne({ groupId });
  }

  /** Names of the actors, in one query per kind; unknown ids (not yet fed) show as their id. */
  async names(actors: ActorRef[]): Promise<Map<string, string>> {
    const ids = (kind: ActorRef['kind']) => [...new Set(actors.filter((a) => a.kind === kind).map((a) => a.id))];
    const [users, groups] = await Promise.all([
      (await this.users()).find({ userId: { $in: ids('user') } }).toArray(),
      (await this.groups()).find({ groupId: { $in: ids('group') } }).toArray(),
    ]);
    return new Map([
      ...users.map((user) => [`user:${user.userId}`, user.displayName] as const),
      ...groups.map((group) => [`group:${group.groupId}`, group.name] as const),
    ]);
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
