import 'reflect-metadata';
import { rotateJwtKeyCommand, runOperationsCli } from '@itsm/operations';
import { IdentityModule } from './identity.module';
import { createAdminCommand } from './operations/create-admin.command';

// `node apps/identity/dist/cli.js <command>` (in the image too); `npm run itsm -- <command>` locally
runOperationsCli({
  service: 'identity',
  module: () => IdentityModule.register({ LOG_LEVEL: 'warn' }, { background: false }),
  extend: (program, context) => {
    program.addCommand(createAdminCommand(context));
    program.addCommand(rotateJwtKeyCommand());
  },
});
