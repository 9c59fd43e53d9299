import { Injectable } from '@nestjs/common';
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
import { foreseenGrant, profilesFor } from './identity-foresight';

const lower = (value: FieldValue | undefined) => String(value ?? '').toLowerCase();

/**
 * Users, written by identity's `user.register` and `user.update` commands. Lines find existing
 * users by login or e-mail (case-insensitive) in the importer's copy of identity's directory. A new
 * user's default profile is granted with the registration (user.register v2); an update leaves
 * the profiles as they are (authorizations are another model's). Passwords never travel on Kafka.
 */
@Injectable()
export class UsersTarget implements ImportTarget {
  readonly type = 'users' as const;
  readonly service = 'identity';

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(_entityId: string, foresight?: RunForesight): Promise<TargetSnapshot> {
    const [users, groups, profiles] = await Promise.all([
      (await this.projections.collection<DirectoryUser>(directoryUsersProjection.name)).find({}).toArray(),
      (await this.projections.collection<DirectoryGroup>(directoryGroupsProjection.name)).find({}).toArray(),
      profilesFor(this.projections, foresight),
    ]);
    const byLogin = new Map(users.map((user) => [user.login.toLowerCase(), user]));
    const byEmail = new Map(users.flatMap((user) => user.emails.map((email) => [email.toLowerCase(), user] as const)));
    const groupNames = new Set(groups.map((group) => group.name.toLowerCase()));
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
      notFound: (values) => (values.group !== undefined && !groupNames.has(lower(values.group)) ? ['group'] : []),
      command: (action, itemId, fields, entityId) => {
        // a dry run: the default profile as identity would grant it with the registration
        const refusal =
          foresight && action === 'create' && fields.defaultProfile !== undefined
            ? foreseenGrant(foresight, profiles, {
                profileId: profileIdOf(fields.defaultProfile),
                entityId,
                recursive: false,
              })
            : null;
        return refusal ?? registration(action, itemId, fields, entityId);
      },
    };
  }
}

function registration(
  action: 'create' | 'update',
  itemId: string | null,
  fields: Readonly<Record<string, FieldValue>>,
  entityId: string,
): TargetCommand {
  const details = {
    ...(fields.firstName !== undefined && { firstName: fields.firstName }),
    ...(fields.email !== undefined && { emails: [fields.email] }),
    ...(fields.phone !== undefined && { phone: fields.phone }),
    ...(fields.active !== undefined && { active: fields.active }),
  };
  if (action === 'update') {
    // the login finds the user and stays: identity changes the details it lets the caller change
    const data = { userId: itemId, ...details, ...(fields.lastName !== undefined && { lastName: fields.lastName }) };
    return { type: 'user.update', streamId: `user-${itemId}`, data };
  }
  const login = String(fields.login);
  const data = { login, ...details, lastName: String(fields.lastName ?? login), defaultEntityId: entityId };
  // one stream per login: two lines creating the same login meet on one key, and the second is refused
  const streamId = uuidv5(login.toLowerCase(), uuidv5.URL);
  if (fields.defaultProfile === undefined) return { type: 'user.register', streamId, data };
  // the profile the user starts with on the run's entity: identity grants it under its escalation
  // rules (39 when the caller may not give it, 33 for a profile it does not know), or registers nobody
  const profileId = profileIdOf(fields.defaultProfile);
  return { type: 'user.register', schemaVersion: 2, streamId, data: { ...data, profileId } };
}
