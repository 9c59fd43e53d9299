import { Injectable } from '@nestjs/common';
import {
  directoryEntitiesProjection,
  directoryUsersProjection,
  type DirectoryEntity,
  type DirectoryUser,
} from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import type { FieldValue } from '../domain/line-values';
import { profileIdOf } from '../domain/profile-names';
import type { DomainError } from '@itsm/domain';
import type { ImportTarget, RunForesight, TargetCommand, TargetSnapshot } from './import-target';
import { foreseenGrant, profilesFor } from './identity-foresight';

const lower = (value: FieldValue | undefined) =>
  String(value ?? '')
    .trim()
    .toLowerCase();

/**
 * Authorizations (user x profile x entity), written by identity's `user.grant-authorization`:
 * identity applies the same escalation rules as its HTTP route, so a line granting a profile the
 * caller lacks, or an entity beyond their scope, is refused on that line (39) and the others pass.
 * Users are named by login, entities by id or name.
 */
@Injectable()
export class AuthorizationsTarget implements ImportTarget {
  readonly type = 'authorizations' as const;
  readonly service = 'identity';

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(_entityId: string, foresight?: RunForesight): Promise<TargetSnapshot> {
    const [users, entities, profiles] = await Promise.all([
      (await this.projections.collection<DirectoryUser>(directoryUsersProjection.name)).find({}).toArray(),
      (await this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name)).find({}).toArray(),
      profilesFor(this.projections, foresight),
    ]);
    const userIds = new Map(users.map((user) => [user.login.toLowerCase(), user.userId]));
    const entityIds = new Map(
      entities.flatMap(
        (entity) =>
          [
            [entity.entityId.toLowerCase(), entity.entityId],
            [entity.name.toLowerCase(), entity.entityId],
          ] as const,
      ),
    );
    return {
      // GLPI adds an authorization each time: there is nothing to update
      match: () => null,
      notFound: (values) => [
        ...(values.login !== undefined && !userIds.has(lower(values.login)) ? ['login'] : []),
        ...(values.entity !== undefined && !entityIds.has(lower(values.entity)) ? ['entity'] : []),
      ],
      command: (_action, _itemId, fields): TargetCommand | DomainError => {
        const userId = userIds.get(lower(fields.login))!;
        const grant = {
          userId,
          profileId: profileIdOf(fields.profile),
          entityId: entityIds.get(lower(fields.entity))!,
          recursive: fields.recursive !== undefined ? Boolean(fields.recursive) : true,
        };
        // a dry run: the grant as identity would judge it
        const refusal = foresight ? foreseenGrant(foresight, profiles, grant) : null;
        return refusal ?? { type: 'user.grant-authorization', streamId: `user-${userId}`, data: grant };
      },
    };
  }
}
