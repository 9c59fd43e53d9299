import { DomainError } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import { assertMayManage, EntityTree, type Caller } from '@itsm/auth';
import { ProjectionRegistry } from '@itsm/runtime';
import { directoryEntitiesProjection, type DirectoryEntity } from '@itsm/directory';
import { groupListProjection, type GroupListDoc } from '../group/read-models/group-list.projection';
import { profileListProjection, type ProfileListDoc } from '../profile/read-models/profile-list.projection';
import { userListProjection, type UserListDoc } from '../user/read-models/user-list.projection';

/**
 * The identity service's own read models, as its command handlers consult them (they are updated
 * inline by the writer, so a handler sees what the previous request wrote).
 */
@Injectable()
export class IdentityDirectory {
  constructor(private readonly projections: ProjectionRegistry) {}

  entities() {
    return this.projections.collection<DirectoryEntity>(directoryEntitiesProjection.name);
  }

  users() {
    return this.projections.collection<UserListDoc>(userListProjection.name);
  }

  groups() {
    return this.projections.collection<GroupListDoc>(groupListProjection.name);
  }

  profiles() {
    return this.projections.collection<ProfileListDoc>(profileListProjection.name);
  }

  async entityTree(): Promise<EntityTree> {
    const docs = await (await this.entities()).find({}, { projection: { entityId: 1, parentId: 1 } }).toArray();
    return new EntityTree(docs.map((doc) => ({ id: doc.entityId, parentId: doc.parentId })));
  }

  /** An entity the caller sees, or 404: other tenants' entities do not exist for them. */
  async visibleEntity(caller: Caller, entityId: string): Promise<DirectoryEntity> {
    const entity = caller.scope.includes(entityId) ? await (await this.entities()).findOne({ entityId }) : null;
    if (!entity) throw new DomainError('not_found', `no entity ${entityId} in your scope`);
    return entity;
  }

  async visibleUser(caller: Caller, userId: string): Promise<UserListDoc> {
    const user = await (await this.users()).findOne({ userId });
    const visible = user && (user.userId === caller.userId || user.entityIds.some((id) => caller.scope.includes(id)));
    if (!user || !visible) throw new DomainError('not_found', `no user ${userId} in your scope`);
    return user;
  }

  /**
   * A user the caller may change: visible, holding no right the caller lacks (so a technician
   * can never reset an administrator's password) and no authorization reaching beyond the
   * caller's scope (so taking the account over opens no sibling nor sub-entity). Users may always
   * change themselves.
   */
  async manageableUser(caller: Caller, userId: string): Promise<UserListDoc> {
    const user = await this.visibleUser(caller, userId);
    if (user.userId !== caller.userId) {
      if (!caller.rights.has('user.write')) throw new DomainError('forbidden', 'missing right user.write');
      assertMayManage(caller, await this.rightsOf(user), `user ${user.login}`);
      const tree = await this.entityTree();
      const beyond = user.authorizations.some((held) =>
        tree.scopeOf(held.entityId, held.recursive).some((entityId) => !caller.scope.includes(entityId)),
      );
      if (beyond) throw new DomainError('forbidden', `user ${user.login} holds authorizations beyond your scope`);
    }
    return user;
  }

  async visibleGroup(caller: Caller, groupId: string): Promise<GroupListDoc> {
    const group = await (await this.groups()).findOne({ groupId });
    if (!group || !caller.scope.includes(group.entityId))
      throw new DomainError('not_found', `no group ${groupId} in your scope`);
    return group;
  }

  async profile(profileId: string): Promise<ProfileListDoc> {
    const profile = await (await this.profiles()).findOne({ profileId });
    if (!profile) throw new DomainError('not_found', `no profile ${profileId}`);
    return profile;
  }

  /** Every right a user holds through any of its authorizations. */
  async rightsOf(user: Pick<UserListDoc, 'authorizations'>): Promise<string[]> {
    const profileIds = [...new Set(user.authorizations.map((held) => held.profileId))];
    if (profileIds.length === 0) return [];
    const profiles = await (await this.profiles()).find({ profileId: { $in: profileIds } }).toArray();
    return [...new Set(profiles.flatMap((profile) => profile.rights))];
  }
}
