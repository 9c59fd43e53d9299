import 'reflect-metadata';
import { runService } from '@itsm/runtime';
import { IMPORTS_SERVICE } from './imports.app';
import { ImportsModule } from './imports.module';

runService(() => ImportsModule.register(), IMPORTS_SERVICE);
