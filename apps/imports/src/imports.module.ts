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

export const IMPORTS_DEFAULTS = { name: 'imports', port: 3006 };

export interface ImportsModuleOptions {
  /** false for one-shot processes (the seed): no relay nor consumers nor workers */
  background?: boolean;
}

@Module({})
export class ImportsModule {
  static register(env: Record<string, string> = {}, options: ImportsModuleOptions = {}): DynamicModule {
    const background = options.background ?? true;
    return {
      module: ImportsModule,
      imports: [
        RuntimeModule.forService({ ...IMPORTS_DEFAULTS, env, redis: 'rate-limits-only' }),
        EventSourcingModule.forContext({ context: 'imports', projections: [importModelProjection], background }),
        AuthModule.forService({ env, feedFromIdentity: background }),
        CqrsModule.forRoot(),
      ],
      controllers: [ImportModelHttpController],
      providers: [ImportModelCatalogue, ImportModelQueries, CreateModelHandler, ChangeModelHandler, DeleteModelHandler],
    };
  }
}
