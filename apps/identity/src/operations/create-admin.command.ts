import { readFileSync } from 'node:fs';
import { CommandBus } from '@nestjs/cqrs';
import { askHidden, type ServiceContext } from '@itsm/operations';
import { Command } from 'commander';
import { IdentityBootstrap } from '../identity.bootstrap';
import { IdentityDirectory } from '../shared/identity-directory';
import { createFirstAdmin } from './first-admin';

interface CreateAdminOptions {
  login: string;
  firstName?: string;
  lastName?: string;
  passwordFile?: string;
  force?: boolean;
}

/** `create-admin`: the first Super-Admin of a fresh installation. */
export function createAdminCommand(context: ServiceContext): Command {
  return new Command('create-admin')
    .description('create the first Super-Admin, on the root entity; refused if one exists (unless --force)')
    .option('--login <login>', 'its login', 'admin')
    .option('--first-name <name>')
    .option('--last-name <name>', 'default: the login')
    .option(
      '--password-file <file>',
      'read the password from a file (a mounted Secret); else ITSM_ADMIN_PASSWORD, else asked',
    )
    .option('--force', 'create it even though a Super-Admin exists')
    .action(async (options: CreateAdminOptions) => {
      const password = await passwordOf(options);
      const { userId } = await createFirstAdmin(
        {
          bootstrap: await context.get(IdentityBootstrap),
          directory: await context.get(IdentityDirectory),
          commandBus: await context.get(CommandBus),
        },
        { login: options.login, password, firstName: options.firstName, lastName: options.lastName },
        { force: options.force ?? false },
      );
      console.log(`Super-Admin ${options.login} created (user ${userId}) on the root entity; sign in with it now`);
    });
}

async function passwordOf({ passwordFile, login }: CreateAdminOptions): Promise<string> {
  if (passwordFile) return readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '');
  if (process.env.ITSM_ADMIN_PASSWORD) return process.env.ITSM_ADMIN_PASSWORD;
  const password = await askHidden(`password of ${login} (8 to 128 characters): `);
  if ((await askHidden('the same again: ')) !== password) throw new Error('the two passwords differ');
  return password;
}
