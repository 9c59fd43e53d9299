import { Injectable } from '@nestjs/common';
import {
  directoryGroupsProjection,
  directoryUsersProjection,
  type DirectoryGroup,
  type DirectoryUser,
} from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import type { ImportTarget, TargetCommand, TargetSnapshot } from './import-target';
import { groupsOfEntity, nameKey } from './identity-names';

/**
 * Group memberships (user x group), written by identity's `group.add-member` under the rules of
 * POST /api/groups/:id/members. A line names the user by login and the group by name among the
 * run's entity's groups; either unknown is 33. A membership that exists is the item the line
 * finds: the model's updates say whether it is a success with nothing written or 32, as the
 * plugin does; it is never added twice.
 */
@Injectable()
export class GroupMembershipsTarget implements ImportTarget {
  readonly type = 'group-memberships' as const;
  readonly service = 'identity';

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const [users, groups] = await Promise.all([
      (await this.projections.collection<DirectoryUser>(directoryUsersProjection.name)).find({}).toArray(),
      (await this.projections.collection<DirectoryGroup>(directoryGroupsProjection.name)).find({ entityId }).toArray(),
    ]);
    return membershipsSnapshot(users, groups, entityId);
  }
}

export function membershipsSnapshot(
  users: readonly Pick<DirectoryUser, 'userId' | 'login'>[],
  groups: readonly DirectoryGroup[],
  entityId: string,
): TargetSnapshot {
  const userIds = new Map(users.map((user) => [user.login.toLowerCase(), user.userId]));
  const { byName } = groupsOfEntity(groups, entityId);
  const pair = (values: Readonly<Record<string, unknown>>) => ({
    userId: userIds.get(nameKey(values.login as string)),
    group: byName.get(nameKey(values.group as string)),
  });
  return {
    match(values) {
      const { userId, group } = pair(values);
      if (!userId || !group?.members.includes(userId)) return null;
      return { id: group.groupId, values: { login: values.login, group: group.name } };
    },
    notFound: (values) => {
      const { userId, group } = pair(values);
      return [
        ...(values.login !== undefined && !userId ? ['login'] : []),
        ...(values.group !== undefined && !group ? ['group'] : []),
      ];
    },
    command(_action, _itemId, fields): TargetCommand {
      const { userId, group } = pair(fields);
      const groupId = group!.groupId;
      // an update adds the member it found: identity writes nothing for a member already in
      return { type: 'group.add-member', streamId: `group-${groupId}`, data: { groupId, userId } };
    },
  };
}
