import 'reflect-metadata';
import { runService } from '@itsm/runtime';
import { REPORTING_SERVICE } from './reporting.app';
import { ReportingModule } from './reporting.module';

runService(() => ReportingModule.register(), REPORTING_SERVICE);
