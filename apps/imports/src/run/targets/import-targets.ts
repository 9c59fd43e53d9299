import { Injectable } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
import type { TargetType } from '../../model/domain/target-fields';
import type { ImportTarget } from './import-target';
import { AssetsTargets } from './assets/assets.target';
import { AuthorizationsTarget } from './authorizations.target';
import { ItilCategoriesTarget } from './itil-categories/itil-categories.target';
import { LicensesTarget } from './licenses/licenses.target';
import { LocationsTarget } from './locations/locations.target';
import { SoftwareTarget } from './software/software.target';
import { UsersTarget } from './users.target';

/** The types a run can import today; the others are refused when the run is asked, not half-way. */
@Injectable()
export class ImportTargets {
  private readonly byType: Map<TargetType, ImportTarget>;

  constructor(
    users: UsersTarget,
    authorizations: AuthorizationsTarget,
    assets: AssetsTargets,
    locations: LocationsTarget,
    categories: ItilCategoriesTarget,
    software: SoftwareTarget,
    licenses: LicensesTarget,
  ) {
    this.byType = new Map<TargetType, ImportTarget>([
      [users.type, users],
      [authorizations.type, authorizations],
      ...assets.all.map((target) => [target.type, target] as const),
      [locations.type, locations],
      [categories.type, categories],
      [software.type, software],
      [licenses.type, licenses],
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
