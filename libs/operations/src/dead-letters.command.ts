import { Command } from 'commander';
import { DeadLetters } from '@itsm/runtime';
import { askHidden } from './hidden-prompt';
import type { ServiceContext } from './service-context';

interface ReplayOptions {
  skipDeadLetter?: boolean;
  url: string;
  token?: string;
  login?: string;
  identityUrl: string;
}

/**
 * `dead-letters list`: each group's dead letters and the streams parked now, from the service's
 * database. `dead-letters replay`: through a running replica (`POST /api/dead-letters/replay`),
 * whose consumer redelivers the stream, as a user with `platform.operate`.
 */
export function deadLetterCommands(service: string, context: ServiceContext): Command {
  const command = new Command('dead-letters').description('dead letters and parked streams');
  command
    .command('list')
    .description('dead letters per consumer group, and the streams parked behind them')
    .action(async () => {
      const { deadLetters, parked } = await (await context.get(DeadLetters)).report();
      if (deadLetters.length === 0) console.log('no dead letters');
      for (const group of deadLetters) {
        console.log(
          `${group.group}: ${group.count} dead letters, last ${group.lastAt} (${group.lastKey}): ${group.lastError}`,
        );
      }
      for (const stream of parked) {
        console.log(
          `parked ${stream.group} ${stream.key} since ${stream.parkedAt}, ${stream.waiting} waiting behind: ${stream.error}`,
        );
      }
    });
  command
    .command('replay')
    .description('redeliver a parked stream (its dead letter, then what waited), through a running replica')
    .argument('<group>', 'the consumer group that parked it')
    .argument('<key>', 'the stream (message key)')
    .option('--skip-dead-letter', 'drop the dead letter, deliver only what waited behind it')
    .option(
      '--url <url>',
      `the ${service} service`,
      process.env.ITSM_SERVICE_URL ?? `http://127.0.0.1:${process.env.PORT}`,
    )
    .option('--token <token>', 'an access token with platform.operate (or ITSM_TOKEN)', process.env.ITSM_TOKEN)
    .option('--login <login>', 'sign in as this user instead (password from ITSM_PASSWORD, or asked)')
    .option('--identity-url <url>', 'where to sign in', process.env.ITSM_IDENTITY_URL ?? 'http://127.0.0.1:3001')
    .action(async (group: string, key: string, options: ReplayOptions) => {
      const token = options.token ?? (await signIn(options));
      const answer = await fetch(`${options.url}/api/dead-letters/replay`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ group, key, skipDeadLetter: options.skipDeadLetter ?? false }),
      });
      const body = (await answer.json()) as { delivered?: number; detail?: string };
      if (!answer.ok) throw new Error(`replay refused (${answer.status}): ${body.detail ?? JSON.stringify(body)}`);
      console.log(`${group} ${key}: replayed, ${body.delivered} messages delivered, stream unparked`);
    });
  return command;
}

async function signIn({ login, identityUrl }: ReplayOptions): Promise<string> {
  if (!login) throw new Error('give --token (or ITSM_TOKEN), or --login to sign in');
  const password = process.env.ITSM_PASSWORD ?? (await askHidden(`password of ${login}: `));
  const answer = await fetch(`${identityUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  if (!answer.ok) throw new Error(`sign-in refused (${answer.status})`);
  return ((await answer.json()) as { accessToken: string }).accessToken;
}
