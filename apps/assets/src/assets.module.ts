import { DynamicModule, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CqrsModule } from '@nestjs/cqrs';
import { AuthModule } from '@itsm/auth';
import { DirectoryReader, directoryProjections } from '@itsm/directory';
import { EventSourcingModule, RuntimeModule, type ServiceEnv } from '@itsm/runtime';
import { AssetAccess } from './asset/access/asset-access';
import { AssetReferences } from './asset/access/asset-references';
import { assetHttpControllers } from './asset/asset.http.controller';
import { CreateAssetKafkaController } from './asset/use-cases/create-asset/create-asset.kafka.controller';
import { UpdateAssetKafkaController } from './asset/use-cases/update-asset/update-asset.kafka.controller';
import { RegisterSoftwareHandler } from './software/use-cases/register-software/register-software.handler';
import { RegisterSoftwareKafkaController } from './software/use-cases/register-software/register-software.kafka.controller';
import { CreateLicenseKafkaController } from './license/use-cases/create-license/create-license.kafka.controller';
import { ChangeLicenseKafkaController } from './license/use-cases/change-license/change-license.kafka.controller';
import { ChangeValueKafkaController } from './dropdown/use-cases/change-value/change-value.kafka.controller';
import { FindOrCreateValueKafkaController } from './dropdown/use-cases/find-or-create-value/find-or-create-value.kafka.controller';
import { AssetQueries } from './asset/queries/asset-queries';
import { AssetIndexesFeed } from './asset/queries/list-index/asset-indexes.feed';
import { AssetListIndex } from './asset/queries/list-index/asset-list-index';
import { AssetListRows } from './asset/queries/list-index/asset-list-rows';
import { IndexedAssetList } from './asset/queries/list-index/indexed-asset-list';
import { InstallationIndex } from './installation/read-models/installation-index';
import { assetListProjection } from './asset/read-models/asset-list.projection';
import { AssetWorkflow } from './asset/access/asset-workflow';
import { AssetHistory } from './asset/queries/asset-history.query';
import { CreateAssetHandler } from './asset/use-cases/create-asset/create-asset.handler';
import { PurgeAssetHandler } from './asset/use-cases/purge-asset/purge-asset.handler';
import { RestoreAssetHandler } from './asset/use-cases/restore-asset/restore-asset.handler';
import { TrashAssetHandler } from './asset/use-cases/trash-asset/trash-asset.handler';
import { TransferAssetHandler } from './asset/use-cases/transfer-asset/transfer-asset.handler';
import { UnlockFieldsHandler } from './asset/use-cases/unlock-fields/unlock-fields.handler';
import { UpdateAssetHandler } from './asset/use-cases/update-asset/update-asset.handler';
import { WarrantyNotices } from './asset/warranty/warranty-notices';
import { WarrantyReconciliation } from './asset/warranty/warranty-reconciliation';
import { WARRANTY_TIMERS, WarrantyTimers } from './asset/warranty/warranty-timers';
import { WarrantyTimersReactor } from './asset/warranty/warranty-timers.reactor';
import { AssetsBackground } from './assets-background';
import { loadAssetsSettings } from './assets.env';
import { ASSETS_SETTINGS } from './assets.tokens';
import { DropdownCatalogue } from './dropdown/dropdown-catalogue';
import { DropdownWrites } from './dropdown/dropdown-writes';
import { DropdownHttpController } from './dropdown/dropdown.http.controller';
import { DropdownQueries } from './dropdown/queries/dropdown-queries';
import { dropdownValuesProjection } from './dropdown/read-models/dropdown-values.projection';
import { AddValueHandler } from './dropdown/use-cases/add-value/add-value.handler';
import { FindOrCreateValueHandler } from './dropdown/use-cases/find-or-create-value/find-or-create-value.handler';
import { ChangeValueHandler } from './dropdown/use-cases/change-value/change-value.handler';
import { assetTicketsHttpControllers } from './asset-tickets/asset-tickets.http.controller';
import { AssetTicketQueries } from './asset-tickets/queries/asset-ticket-queries';
import { assetTicketsProjection } from './asset-tickets/read-models/asset-tickets.projection';
import { AssetLookup } from './shared/asset-lookup';
import { ComputerSoftwareHttpController } from './installation/computer-software.http.controller';
import {
  INSTALLATIONS_REACTOR,
  SoftwareInstallationsFeed,
} from './installation/read-models/software-installations.feed';
import { InstallSoftwareHandler } from './installation/use-cases/install-software/install-software.handler';
import { UninstallSoftwareHandler } from './installation/use-cases/uninstall-software/uninstall-software.handler';
import { LicenseHttpController } from './license/license.http.controller';
import { LicenseSeatsReactor } from './license/license-seats.reactor';
import { LicenseQueries } from './license/queries/license-queries';
import { licenseListProjection } from './license/read-models/license-list.projection';
import { ChangeLicenseHandler } from './license/use-cases/change-license/change-license.handler';
import { CreateLicenseHandler } from './license/use-cases/create-license/create-license.handler';
import { HeldVisibility } from './shared/held-visibility';
import { InventorySoftwareReactor } from './software/inventory-software.reactor';
import { SoftwareQueries } from './software/queries/software-queries';
import { InstallationsInMemory } from './software/queries/installations-in-memory';
import { softwareCatalogueProjection } from './software/read-models/software-catalogue.projection';
import { SoftwareHttpController } from './software/software.http.controller';
import { AddVersionHandler } from './software/use-cases/add-version/add-version.handler';
import { CreateSoftwareHandler } from './software/use-cases/create-software/create-software.handler';

import { inventoryControllers, inventoryProjections, inventoryProviders } from './inventory/inventory.providers';

export const ASSETS_DEFAULTS = { name: 'assets', port: 3004 };

const commandHandlers = [
  CreateAssetHandler,
  CreateSoftwareHandler,
  AddVersionHandler,
  InstallSoftwareHandler,
  UninstallSoftwareHandler,
  CreateLicenseHandler,
  ChangeLicenseHandler,
  UpdateAssetHandler,
  UnlockFieldsHandler,
  TrashAssetHandler,
  TransferAssetHandler,
  RestoreAssetHandler,
  PurgeAssetHandler,
  AddValueHandler,
  ChangeValueHandler,
  RegisterSoftwareHandler,
  FindOrCreateValueHandler,
];

type Config = ConfigService<ServiceEnv, true>;

/** The warranty timers (BullMQ): only where background work runs, never in the seed. */
const warrantyProviders = [
  {
    provide: WARRANTY_TIMERS,
    inject: [ConfigService],
    useFactory: (config: Config) =>
      new WarrantyTimers({ redisUrl: config.get('REDIS_URL'), keyPrefix: config.get('REDIS_KEY_PREFIX') }),
  },
  WarrantyNotices,
  WarrantyReconciliation,
  WarrantyTimersReactor,
  AssetsBackground,
  // each replica's lists from memory; without it (the seed) the read models answer
  AssetIndexesFeed,
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
            ...inventoryProjections,
          ],
          feeds: [
            { context: 'identity', projections: directoryProjections },
            // an asset's tickets: the tickets naming it, kept here (no call to tickets while answering)
            { context: 'tickets', projections: [assetTicketsProjection] },
          ],
          reactors: [
            // one document per computer x version: a kernel projection keeps one per stream
            {
              name: INSTALLATIONS_REACTOR,
              context: 'assets',
              reactor: SoftwareInstallationsFeed,
              // an import's computers: their first marks meet in one insert
              streamsSideBySide: 32,
            },
            // the catalogue learns the software inventories find
            { name: 'inventory-software', context: 'assets', reactor: InventorySoftwareReactor },
            // a purged computer's licence seats are freed
            { name: 'license-seats', context: 'assets', reactor: LicenseSeatsReactor },
            // the reactor only schedules (deterministic job ids): seeing an event twice is harmless
            ...(background
              ? [{ name: 'warranty-timers', context: 'assets', reactor: WarrantyTimersReactor, streamsSideBySide: 16 }]
              : []),
          ],
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        ...assetHttpControllers,
        DropdownHttpController,
        ...inventoryControllers,
        SoftwareHttpController,
        ComputerSoftwareHttpController,
        LicenseHttpController,
        ...assetTicketsHttpControllers,
        CreateAssetKafkaController,
        UpdateAssetKafkaController,
        FindOrCreateValueKafkaController,
        ChangeValueKafkaController,
        RegisterSoftwareKafkaController,
        CreateLicenseKafkaController,
        ChangeLicenseKafkaController,
      ],
      providers: [
        { provide: ASSETS_SETTINGS, useValue: settings },
        DirectoryReader,
        AssetAccess,
        AssetReferences,
        AssetQueries,
        AssetListIndex,
        AssetListRows,
        IndexedAssetList,
        InstallationIndex,
        AssetHistory,
        AssetWorkflow,
        DropdownCatalogue,
        DropdownQueries,
        DropdownWrites,
        ...(background ? warrantyProviders : []),
        HeldVisibility,
        AssetLookup,
        SoftwareQueries,
        InstallationsInMemory,
        LicenseQueries,
        AssetTicketQueries,
        SoftwareInstallationsFeed,
        InventorySoftwareReactor,
        LicenseSeatsReactor,
        ...commandHandlers,
        ...inventoryProviders({ ...process.env, ...env }),
      ],
    };
  }
}
