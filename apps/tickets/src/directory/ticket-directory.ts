import { Injectable } from '@nestjs/common';
import type { ActorRef } from '@itsm/contracts';
import { autoCloseDays, DirectoryReader, type DirectoryGroup } from '@itsm/directory';
import type { UserFacts } from '../ticket/domain/ticket-references';

export { DIRECTORY_CACHE_MS } from '@itsm/directory';

export interface NamedActor extends ActorRef {
  name: string;
}

/** What tickets asks of identity's directory: names, memberships, where users belong, the auto-close delay. */
@Injectable()
export class TicketDirectory {
  constructor(private readonly directory: DirectoryReader) {}

  groupIdsOf(userId: string): Promise<string[]> {
    return this.directory.groupIdsOf(userId);
  }

  /** The users found, with the authorizations that say where they belong (none granted yet: none). */
  async usersById(userIds: string[]): Promise<Map<string, UserFacts>> {
    if (userIds.length === 0) return new Map();
    const [users, authorizations] = await Promise.all([
      this.directory.usersById(userIds),
      this.directory.authorizationsById(userIds),
    ]);
    return new Map(
      [...users].map(([userId, { login, active }]) => [
        userId,
        { login, active, authorizations: authorizations.get(userId) ?? [] },
      ]),
    );
  }

  async groupsById(groupIds: string[]): Promise<Map<string, DirectoryGroup>> {
    return groupIds.length === 0 ? new Map() : this.directory.groupsById(groupIds);
  }

  /** Names of the actors; unknown ids (not yet fed) show as their id. */
  async names(actors: ActorRef[]): Promise<Map<string, string>> {
    const ids = (kind: ActorRef['kind']) => [...new Set(actors.filter((a) => a.kind === kind).map((a) => a.id))];
    const [users, groups] = await Promise.all([
      this.directory.usersById(ids('user')),
      this.directory.groupsById(ids('group')),
    ]);
    return new Map([
      ...[...users.values()].map((user) => [`user:${user.userId}`, user.displayName] as const),
      ...[...groups.values()].map((group) => [`group:${group.groupId}`, group.name] as const),
    ]);
  }

  /** When the entity was created; null when the directory does not know it (not fed yet, or fed before it kept the date). */
  async entityCreatedAt(entityId: string): Promise<string | null> {
    return (await this.directory.entity(entityId))?.createdAt ?? null;
  }

  /** The entity's auto-close delay in days (0 = at once), following inheritance; null = never. */
  autoCloseDays(entityId: string): Promise<number | null> {
    return this.directory.inheritedSetting(entityId, autoCloseDays);
  }
}
