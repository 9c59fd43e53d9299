import 'reflect-metadata';
import { runService } from '@itsm/runtime';
import { IDENTITY_SERVICE } from './identity.app';
import { IdentityModule } from './identity.module';

runService(() => IdentityModule.register(), IDENTITY_SERVICE);
