import { Injectable } from '@nestjs/common';
import type { ImportTarget } from './import-target';
import { EntitiesTarget } from './entities.target';
import { GroupMembershipsTarget } from './group-memberships.target';
import { GroupsTarget } from './groups.target';

/** Identity's targets beside users and authorizations: groups, their members, entities. */
@Injectable()
export class IdentityTargets {
  readonly all: readonly ImportTarget[];

  constructor(groups: GroupsTarget, memberships: GroupMembershipsTarget, entities: EntitiesTarget) {
    this.all = [groups, memberships, entities];
  }
}
