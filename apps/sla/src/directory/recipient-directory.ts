import { Injectable } from '@nestjs/common';
import type { ActorRef } from '@itsm/contracts';
import { DirectoryReader, type DirectoryGroup } from '@itsm/directory';

/** E-mail addresses of users and groups, from the local copy of identity: no call to identity. */
@Injectable()
export class RecipientDirectory {
  constructor(private readonly directory: DirectoryReader) {}

  groupsById(groupIds: string[]): Promise<Map<string, DirectoryGroup>> {
    return this.directory.groupsById(groupIds);
  }

  /** The default address of each active user among the actors, groups expanded to their members. */
  async addressesOf(actors: ActorRef[]): Promise<string[]> {
    const userIds = new Set(actors.filter((actor) => actor.kind === 'user').map((actor) => actor.id));
    const groups = await this.directory.groupsById(actors.filter((actor) => actor.kind === 'group').map((a) => a.id));
    for (const group of groups.values()) group.members.forEach((member) => userIds.add(member));
    if (userIds.size === 0) return [];
    const users = [...(await this.directory.usersById([...userIds])).values()];
    return [...new Set(users.filter((user) => user.active && user.emails.length > 0).map((user) => user.emails[0]))];
  }
}
