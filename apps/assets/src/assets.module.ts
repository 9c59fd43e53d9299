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

export const ASSETS_DEFAULTS = { name: 'assets', port: 3004 };

const commandHandlers = [CreateAssetHandler];

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
          background,
        }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [...assetHttpControllers],
      providers: [
        { provide: ASSETS_SETTINGS, useValue: settings },
        DirectoryReader,
        AssetAccess,
        AssetReferences,
        AssetQueries,
        DropdownCatalogue,
        ...commandHandlers,
      ],
    };
  }
}
