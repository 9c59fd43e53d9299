import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@itsm/auth';
import { EventSourcingModule, RuntimeModule } from '@itsm/runtime';
import { ImportModelCatalogue } from './model/import-model-catalogue';
import { ImportModelHttpController } from './model/import-model.http.controller';
import { ImportModelQueries } from './model/queries/import-model.queries';
import { importModelProjection } from './model/read-models/import-model.projection';
import { ChangeModelHandler } from './model/use-cases/change-model/change-model.handler';
import { CreateModelHandler } from './model/use-cases/create-model/create-model.handler';
import { DeleteModelHandler } from './model/use-cases/delete-model/delete-model.handler';
import { IMPORTS_SETTINGS, loadImportsSettings } from './imports.env';
import { ImportRunHttpController } from './run/import-run.http.controller';
import { LineResults } from './run/line-results';
import { ImportRunQueries } from './run/queries/import-run.queries';
import { importRunProjection } from './run/read-models/import-run.projection';
import { RunBackground } from './run/run-background';
import { RunCommands } from './run/run-commands';
import { RunFiles } from './run/run-files';
import { RunQueue } from './run/run-queue';
import { RunReconciliation } from './run/run-reconciliation';
import { ValueAnswers } from './run/value-answers';
import { RunValueCreation } from './run/value-creation';
import { RunResultsFeed } from './run/run-results.feed';
import { RunWorker } from './run/run-worker';
import { ImportTargets } from './run/targets/import-targets';
import { AssetsTargets } from './run/targets/assets/assets.target';
import { importAssetDropdownsProjection, importAssetsProjection } from './run/targets/assets/import-assets.projection';
import { importCategoriesProjection } from './run/targets/itil-categories/import-categories.projection';
import { ItilCategoriesTarget } from './run/targets/itil-categories/itil-categories.target';
import { importLicensesProjection } from './run/targets/licenses/import-licenses.projection';
import { LicensesTarget } from './run/targets/licenses/licenses.target';
import { LocationsTarget } from './run/targets/locations/locations.target';
import { CatalogueTargets } from './run/targets/catalogue-targets';
import { importSoftwareProjection } from './run/targets/software/import-software.projection';
import { SoftwareTarget } from './run/targets/software/software.target';
import { AuthorizationsTarget } from './run/targets/authorizations.target';
import { UsersTarget } from './run/targets/users.target';
import { EntitiesTarget } from './run/targets/entities.target';
import { GroupMembershipsTarget } from './run/targets/group-memberships.target';
import { GroupsTarget } from './run/targets/groups.target';
import { IdentityTargets } from './run/targets/identity-targets';
import { CancelRunHandler } from './run/use-cases/cancel-run/cancel-run.handler';
import { StartRunHandler } from './run/use-cases/start-run/start-run.handler';
import { DirectoryReader, directoryProjections } from '@itsm/directory';
import { importProfilesProjection } from './run/targets/import-profiles.projection';

export const IMPORTS_DEFAULTS = { name: 'imports', port: 3006 };

export interface ImportsModuleOptions {
  /** false for one-shot processes (the seed): no relay nor consumers nor workers */
  background?: boolean;
}

@Module({})
export class ImportsModule {
  static register(env: Record<string, string> = {}, options: ImportsModuleOptions = {}): DynamicModule {
    const background = options.background ?? true;
    const settings = loadImportsSettings({ ...process.env, ...env });
    return {
      module: ImportsModule,
      imports: [
        RuntimeModule.forService({ ...IMPORTS_DEFAULTS, env, redis: 'rate-limits-only' }),
        EventSourcingModule.forContext({
          context: 'imports',
          projections: [importModelProjection, importRunProjection],
          // the lines' lookups: identity's users and groups as the importer sees them, and its profiles
          feeds: [
            { context: 'identity', projections: [...directoryProjections, importProfilesProjection] },
            // the assets lines are matched against, and the catalogue names their values are found by
            {
              context: 'assets',
              projections: [
                importAssetsProjection,
                importAssetDropdownsProjection,
                importSoftwareProjection,
                importLicensesProjection,
              ],
            },
            // the ITIL categories a categories import finds its lines and their parents in
            { context: 'tickets', projections: [importCategoriesProjection] },
          ],
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [ImportModelHttpController, ImportRunHttpController],
      providers: [
        { provide: IMPORTS_SETTINGS, useValue: settings },
        ImportModelCatalogue,
        ImportModelQueries,
        CreateModelHandler,
        ChangeModelHandler,
        DeleteModelHandler,
        ImportRunQueries,
        DirectoryReader,
        LineResults,
        RunFiles,
        RunQueue,
        RunCommands,
        RunWorker,
        RunReconciliation,
        ValueAnswers,
        RunValueCreation,
        UsersTarget,
        AuthorizationsTarget,
        GroupsTarget,
        GroupMembershipsTarget,
        EntitiesTarget,
        IdentityTargets,
        AssetsTargets,
        LocationsTarget,
        ItilCategoriesTarget,
        SoftwareTarget,
        LicensesTarget,
        CatalogueTargets,
        ImportTargets,
        StartRunHandler,
        CancelRunHandler,
        ...(background ? [RunBackground, RunResultsFeed] : []),
      ],
    };
  }
}
