import { Injectable } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import type { TargetType } from '../../model/domain/target-fields';
import type { ImportTarget } from './import-target';
import { AssetsTargets } from './assets/assets.target';
import { AuthorizationsTarget } from './authorizations.target';
import { CatalogueTargets } from './catalogue-targets';
import { IdentityTargets } from './identity-targets';
import { UsersTarget } from './users.target';

/** The types a run can import today; the others are refused when the run is asked, not half-way. */
@Injectable()
export class ImportTargets {
  private readonly byType: Map<TargetType, ImportTarget>;

  constructor(
    users: UsersTarget,
    authorizations: AuthorizationsTarget,
    assets: AssetsTargets,
    identity: IdentityTargets,
    catalogues: CatalogueTargets,
  ) {
    this.byType = new Map<TargetType, ImportTarget>([
      [users.type, users],
      [authorizations.type, authorizations],
      ...assets.all.map((target) => [target.type, target] as const),
      ...identity.all.map((target) => [target.type, target] as const),
      ...catalogues.all.map((target) => [target.type, target] as const),
    ]);
  }

  for(type: TargetType): ImportTarget | DomainError {
    return (
      this.byType.get(type) ??
      new DomainError(
        'rule',
        `importing ${type} is not available yet: ${[...this.byType.keys()].join(', ')} can be imported`,
      )
    );
  }
}
