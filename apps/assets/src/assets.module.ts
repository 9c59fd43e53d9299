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
import { AssetQueries } from './asset/queries/asset-queries';
import { assetListProjection } from './asset/read-models/asset-list.projection';
import { AssetWorkflow } from './asset/access/asset-workflow';
import { AssetHistory } from './asset/queries/asset-history.query';
import { CreateAssetHandler } from './asset/use-cases/create-asset/create-asset.handler';
import { PurgeAssetHandler } from './asset/use-cases/purge-asset/purge-asset.handler';
import { RestoreAssetHandler } from './asset/use-cases/restore-asset/restore-asset.handler';
import { TrashAssetHandler } from './asset/use-cases/trash-asset/trash-asset.handler';
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
import { RenameValueHandler } from './dropdown/use-cases/rename-value/rename-value.handler';

export const ASSETS_DEFAULTS = { name: 'assets', port: 3004 };

const commandHandlers = [
  CreateAssetHandler,
  UpdateAssetHandler,
  UnlockFieldsHandler,
  TrashAssetHandler,
  RestoreAssetHandler,
  PurgeAssetHandler,
  AddValueHandler,
  RenameValueHandler,
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
          projections: [assetListProjection, dropdownValuesProjection],
          feeds: [{ context: 'identity', projections: directoryProjections }],
          // the reactor only schedules (deterministic job ids): seeing an event twice is harmless
          reactors: background
            ? [{ name: 'warranty-timers', context: 'assets', reactor: WarrantyTimersReactor, streamsSideBySide: 16 }]
            : [],
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        ...assetHttpControllers,
        DropdownHttpController,
        CreateAssetKafkaController,
        UpdateAssetKafkaController,
      ],
      providers: [
        { provide: ASSETS_SETTINGS, useValue: settings },
        DirectoryReader,
        AssetAccess,
        AssetReferences,
        AssetQueries,
        AssetHistory,
        AssetWorkflow,
        DropdownCatalogue,
        DropdownQueries,
        DropdownWrites,
        ...(background ? warrantyProviders : []),
        ...commandHandlers,
      ],
    };
  }
}
