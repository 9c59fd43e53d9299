import 'reflect-metadata';
import { runService } from '@itsm/runtime';
import { SLA_SERVICE } from './sla.app';
import { SlaModule } from './sla.module';

runService(() => SlaModule.register(), SLA_SERVICE);
