import 'reflect-metadata';
import { runOperationsCli } from '@itsm/operations';
import { TicketsModule } from './tickets.module';

// `node apps/tickets/dist/cli.js <command>` (in the image too); `npm run itsm -- <command>` locally
runOperationsCli({
  service: 'tickets',
  module: () => TicketsModule.register({ LOG_LEVEL: 'warn' }, { background: false }),
});
