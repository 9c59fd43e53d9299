import { Injectable } from '@nestjs/common';
import type { ActorRef } from '@itsm/contracts';
import { ProjectionRegistry } from '@itsm/runtime';
import {
  recipientGroupsProjection,
  recipientUsersProjection,
  type RecipientGroup,
  type RecipientUser,
} from './recipients.projections';

/** E-mail addresses of users and groups, from the local copy of identity: no call to identity. */
@Injectable()
export class RecipientDirectory {
  constructor(private readonly projections: ProjectionRegistry) {}

  async group(groupId: string): Promise<RecipientGroup | null> {
    return (await this.projections.collection<RecipientGroup>(recipientGroupsProjection.name)).findOne({ groupId });
  }

  /** The default address of each active user among the actors, groups expanded to their members. */
  async addressesOf(actors: ActorRef[]): Promise<string[]> {
    const userIds = new Set(actors.filter((actor) => actor.kind === 'user').map((actor) => actor.id));
    for (const actor of actors.filter((candidate) => candidate.kind === 'group')) {
      for (const member of (await this.group(actor.id))?.members ?? []) userIds.add(member);
    }
    if (userIds.size === 0) return [];
    const users = await (await this.projections.collection<RecipientUser>(recipientUsersProjection.name))
      .find({ userId: { $in: [...userIds] } })
      .toArray();
    return [...new Set(users.filter((user) => user.active && user.emails.length > 0).map((user) => user.emails[0]))];
  }
}
