import 'reflect-metadata';
import { runService } from '@itsm/runtime';
import { TICKETS_SERVICE } from './tickets.app';
import { TicketsModule } from './tickets.module';

runService(() => TicketsModule.register(), TICKETS_SERVICE);
