import { DynamicModule, Module } from '@nestjs/common';
import { RuntimeModule } from '@itsm/runtime';

export const IDENTITY_DEFAULTS = { name: 'identity', port: 3001 };

@Module({})
export class IdentityModule {
  static register(env: Record<string, string> = {}): DynamicModule {
    return {
      module: IdentityModule,
      imports: [RuntimeModule.forService({ ...IDENTITY_DEFAULTS, env })],
    };
  }
}
