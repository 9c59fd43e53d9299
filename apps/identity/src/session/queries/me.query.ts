import { DomainError } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { IdentityDirectory } from '../../shared/identity-directory';
import { userView } from '../../user/queries/list-users.query';

/** Who am I, as what, where: the user, the active profile and entity, and the entities in scope. */
@Injectable()
export class MeQuery {
  constructor(private readonly directory: IdentityDirectory) {}

  async answer(caller: Caller) {
    const user = await (await this.directory.users()).findOne({ userId: caller.userId });
    if (!user) throw new DomainError('unauthenticated', 'the account no longer exists');
    const profile = await this.directory.profile(caller.profileId);
    const entities = await (await this.directory.entities())
      .find({ entityId: { $in: [...caller.scope] } }, { projection: { entityId: 1, name: 1, parentId: 1 } })
      .toArray();
    return {
      user: userView(user),
      activeProfile: {
        profileId: profile.profileId,
        name: profile.name,
        interface: profile.interface,
        rights: caller.rights.size ? [...caller.rights] : [],
      },
      activeEntityId: caller.entityId,
      recursive: caller.recursive,
      entities: entities.map(({ entityId, name, parentId }) => ({ entityId, name, parentId })),
      authorizations: user.authorizations,
    };
  }
}
