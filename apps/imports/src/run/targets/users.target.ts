import { Injectable } from '@nestjs/common';
import type { DomainError } from '@itsm/domain';
import {
  directoryGroupsProjection,
  directoryUsersProjection,
  type DirectoryGroup,
  type DirectoryUser,
} from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { v5 as uuidv5 } from 'uuid';
import type { FieldValue } from '../domain/line-values';
import { profileIdOf } from '../domain/profile-names';
import type { ImportTarget, RunForesight, TargetCommand, TargetSnapshot } from './import-target';
import { foreseenGrant, foreseenJoin, profilesFor, type ProfilesById } from './identity-foresight';
import { groupsOfEntity, nameKey } from './identity-names';

const lower = (value: FieldValue | undefined) => String(value ?? '').toLowerCase();

/**
 * Users, written by identity's `user.register` and `user.update` commands. Lines find existing
 * users by login or e-mail (case-insensitive) in the importer's copy of identity's directory. A new
 * user's default profile is granted with the registration (user.register v2); an update leaves
 * the profiles as they are (authorizations are another model's). A line's group, named among the
 * run's entity's groups, is joined with the registration or the update (user.register v3,
 * user.update v2): one command, so a redelivery joins it once. Passwords never travel on Kafka.
 */
@Injectable()
export class UsersTarget implements ImportTarget {
  readonly type = 'users' as const;
  readonly service = 'identity';

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string, foresight?: RunForesight): Promise<TargetSnapshot> {
    const [users, groups, profiles] = await Promise.all([
      (await this.projections.collection<DirectoryUser>(directoryUsersProjection.name)).find({}).toArray(),
      (await this.projections.collection<DirectoryGroup>(directoryGroupsProjection.name)).find({ entityId }).toArray(),
      profilesFor(this.projections, foresight),
    ]);
    return usersSnapshot(users, groups, entityId, foresight && { ...foresight, profiles });
  }
}

/** What a users run matches and writes, from the directory's users and the run's entity's groups. */
export function usersSnapshot(
  users: readonly DirectoryUser[],
  groups: readonly DirectoryGroup[],
  entityId: string,
  /** a dry run's: the registration's default profile judged as identity would */
  foresight?: RunForesight & { profiles: ProfilesById },
): TargetSnapshot {
  const byLogin = new Map(users.map((user) => [user.login.toLowerCase(), user]));
  const byEmail = new Map(users.flatMap((user) => user.emails.map((email) => [email.toLowerCase(), user] as const)));
  const groupsByName = groupsOfEntity(groups, entityId).byName;
  const groupIdOf = (value: FieldValue | undefined) =>
    value === undefined ? undefined : groupsByName.get(nameKey(value))?.groupId;
  return {
    match(values, linkFields) {
      const candidates = linkFields.map((field) =>
        field === 'login'
          ? byLogin.get(lower(values.login))
          : field === 'email'
            ? byEmail.get(lower(values.email))
            : undefined,
      );
      const found = candidates[0];
      if (!found || candidates.some((candidate) => candidate?.userId !== found.userId)) return null;
      const { login, firstName, lastName, active } = found;
      return { id: found.userId, values: { login, firstName, lastName, active, email: found.emails[0] ?? null } };
    },
    notFound: (values) => (values.group !== undefined && !groupIdOf(values.group) ? ['group'] : []),
    command: (action, itemId, fields, runEntityId) => {
      const groupId = groupIdOf(fields.group);
      const refusal = !foresight
        ? null
        : ((groupId ? foreseenJoin(foresight) : null) ??
          (action === 'create' && fields.defaultProfile !== undefined
            ? foreseenGrant(foresight, foresight.profiles, {
                profileId: profileIdOf(fields.defaultProfile),
                entityId: runEntityId,
                recursive: false,
              })
            : null));
      return refusal ?? registration(action, itemId, fields, runEntityId, groupId);
    },
  };
}

function registration(
  action: 'create' | 'update',
  itemId: string | null,
  fields: Readonly<Record<string, FieldValue>>,
  entityId: string,
  groupId: string | undefined,
): TargetCommand | DomainError {
  // the group found (one not found was left out with a warning): joined by the same command
  const groups = groupId ? { groupIds: [groupId] } : {};
  const details = {
    ...(fields.firstName !== undefined && { firstName: fields.firstName }),
    ...(fields.email !== undefined && { emails: [fields.email] }),
    ...(fields.phone !== undefined && { phone: fields.phone }),
    ...(fields.active !== undefined && { active: fields.active }),
  };
  if (action === 'update') {
    // the login finds the user and stays: identity changes the details it lets the caller change
    const data = { userId: itemId, ...details, ...(fields.lastName !== undefined && { lastName: fields.lastName }) };
    if (groupId)
      return { type: 'user.update', schemaVersion: 2, streamId: `user-${itemId}`, data: { ...data, ...groups } };
    return { type: 'user.update', streamId: `user-${itemId}`, data };
  }
  const login = String(fields.login);
  const data = { login, ...details, lastName: String(fields.lastName ?? login), defaultEntityId: entityId };
  // one stream per login: two lines creating the same login meet on one key, and the second is refused
  const streamId = uuidv5(login.toLowerCase(), uuidv5.URL);
  // the profile the user starts with on the run's entity: identity grants it under its escalation
  // rules (39 when the caller may not give it, 33 for a profile it does not know), or registers nobody
  const profile = fields.defaultProfile === undefined ? {} : { profileId: profileIdOf(fields.defaultProfile) };
  // the earliest version that says it all: a line without profile nor group is the v1 it always was
  const schemaVersion = groupId ? 3 : fields.defaultProfile !== undefined ? 2 : 1;
  return { type: 'user.register', schemaVersion, streamId, data: { ...data, ...profile, ...groups } };
}
