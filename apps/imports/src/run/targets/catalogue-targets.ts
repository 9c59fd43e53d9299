import { Injectable } from '@nestjs/common';
import type { ImportTarget } from './import-target';
import { ItilCategoriesTarget } from './itil-categories/itil-categories.target';
import { LicensesTarget } from './licenses/licenses.target';
import { LocationsTarget } from './locations/locations.target';
import { SoftwareTarget } from './software/software.target';

/** The catalogues a run can import: locations and software, licences (assets), ITIL categories (tickets). */
@Injectable()
export class CatalogueTargets {
  readonly all: ImportTarget[];

  constructor(
    locations: LocationsTarget,
    categories: ItilCategoriesTarget,
    software: SoftwareTarget,
    licenses: LicensesTarget,
  ) {
    this.all = [locations, categories, software, licenses];
  }
}
