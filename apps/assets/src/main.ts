import 'reflect-metadata';
import { runService } from '@itsm/runtime';
import { ASSETS_SERVICE } from './assets.app';
import { AssetsModule } from './assets.module';

runService(() => AssetsModule.register(), ASSETS_SERVICE);
