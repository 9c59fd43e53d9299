import 'reflect-metadata';
import { runOperationsCli } from '@itsm/operations';
import { SlaModule } from './sla.module';

// `node apps/sla/dist/cli.js <command>` (in the image too); `npm run itsm -- <command>` locally
runOperationsCli({
  service: 'sla',
  module: () => SlaModule.register({ LOG_LEVEL: 'warn' }, { background: false }),
});
