import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@itsm/auth';
import { DirectoryReader, directoryProjections } from '@itsm/directory';
import { EventSourcingModule, RuntimeModule } from '@itsm/runtime';
import { AssetAccess } from './asset/access/asset-access';
import { AssetReferences } from './asset/access/asset-references';
import { assetHttpControllers } from './asset/asset.http.controller';
import { AssetQueries } from './asset/queries/asset-queries';
import { assetListProjection } from './asset/read-models/asset-list.projection';
import { CreateAssetHandler } from './asset/use-cases/create-asset/create-asset.handler';
import { loadAssetsSettings } from './assets.env';
import { ASSETS_SETTINGS } from './assets.tokens';
import { DropdownCatalogue } from './dropdown/dropdown-catalogue';
import { dropdownValuesProjection } from './dropdown/read-models/dropdown-values.projection';
import { assetTicketsHttpControllers } from './asset-tickets/asset-tickets.http.controller';
import { AssetTicketQueries } from './asset-tickets/queries/asset-ticket-queries';
import { assetTicketsProjection } from './asset-tickets/read-models/asset-tickets.projection';
import { AssetLookup } from './shared/asset-lookup';
import { ComputerSoftwareHttpController } from './installation/computer-software.http.controller';
import { SoftwareInstallationsFeed } from './installation/read-models/software-installations.feed';
import { InstallSoftwareHandler } from './installation/use-cases/install-software/install-software.handler';
import { UninstallSoftwareHandler } from './installation/use-cases/uninstall-software/uninstall-software.handler';
import { LicenseHttpController } from './license/license.http.controller';
import { LicenseQueries } from './license/queries/license-queries';
import { licenseListProjection } from './license/read-models/license-list.projection';
import { ChangeLicenseHandler } from './license/use-cases/change-license/change-license.handler';
import { CreateLicenseHandler } from './license/use-cases/create-license/create-license.handler';
import { HeldVisibility } from './shared/held-visibility';
import { InventorySoftwareReactor } from './software/inventory-software.reactor';
import { SoftwareQueries } from './software/queries/software-queries';
import { softwareCatalogueProjection } from './software/read-models/software-catalogue.projection';
import { SoftwareHttpController } from './software/software.http.controller';
import { AddVersionHandler } from './software/use-cases/add-version/add-version.handler';
import { CreateSoftwareHandler } from './software/use-cases/create-software/create-software.handler';

export const ASSETS_DEFAULTS = { name: 'assets', port: 3004 };

const commandHandlers = [
  CreateAssetHandler,
  CreateSoftwareHandler,
  AddVersionHandler,
  InstallSoftwareHandler,
  UninstallSoftwareHandler,
  CreateLicenseHandler,
  ChangeLicenseHandler,
];

export interface AssetsModuleOptions {
  /** false for one-shot processes (the seed): no relay, consumers nor timers */
  background?: boolean;
}

@Module({})
export class AssetsModule {
  static register(env: Record<string, string> = {}, options: AssetsModuleOptions = {}): DynamicModule {
    const settings = loadAssetsSettings({ ...process.env, ...env });
    const background = options.background ?? true;
    return {
      module: AssetsModule,
      imports: [
        RuntimeModule.forService({ ...ASSETS_DEFAULTS, env }),
        EventSourcingModule.forContext({
          context: 'assets',
          projections: [
            assetListProjection,
            dropdownValuesProjection,
            softwareCatalogueProjection,
            licenseListProjection,
          ],
          feeds: [
            { context: 'identity', projections: directoryProjections },
            // an asset's tickets: the tickets naming it, kept here (no call to tickets while answering)
            { context: 'tickets', projections: [assetTicketsProjection] },
          ],
          reactors: [
            // one document per computer x version: a kernel projection keeps one per stream
            {
              name: 'software-installations',
              context: 'assets',
              reactor: SoftwareInstallationsFeed,
              streamsSideBySide: 8,
            },
            // the catalogue learns the software inventories find
            { name: 'inventory-software', context: 'assets', reactor: InventorySoftwareReactor },
          ],
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        ...assetHttpControllers,
        SoftwareHttpController,
        ComputerSoftwareHttpController,
        LicenseHttpController,
        ...assetTicketsHttpControllers,
      ],
      providers: [
        { provide: ASSETS_SETTINGS, useValue: settings },
        DirectoryReader,
        AssetAccess,
        AssetReferences,
        AssetQueries,
        DropdownCatalogue,
        HeldVisibility,
        AssetLookup,
        SoftwareQueries,
        LicenseQueries,
        AssetTicketQueries,
        SoftwareInstallationsFeed,
        InventorySoftwareReactor,
        ...commandHandlers,
      ],
    };
  }
}
