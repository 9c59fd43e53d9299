import { Command } from 'commander';
import { activateNextKey, publishNextKey, retireOldKeys, type JwtKeyFiles } from './jwt-key-rotation';

interface KeyOptions {
  privateKeyFile?: string;
  publicKeysFile?: string;
  force?: boolean;
}

const filesOf = ({ privateKeyFile, publicKeysFile }: KeyOptions): JwtKeyFiles => {
  if (!privateKeyFile || !publicKeysFile) {
    throw new Error('give --private-key-file and --public-keys-file (or JWT_PRIVATE_KEY_FILE and JWT_PUBLIC_KEY_FILE)');
  }
  return { privateKeyFile, publicKeysFile };
};

/** `rotate-jwt-key publish|activate|retire`: the three steps of a rotation, on the key files. */
export function rotateJwtKeyCommand(): Command {
  const command = new Command('rotate-jwt-key').description(
    'rotate the access-token signing key: publish the new public key, sign with the new key, retire the old one',
  );
  const withFiles = (step: Command) =>
    step
      .option('--private-key-file <file>', 'identity’s signing key', process.env.JWT_PRIVATE_KEY_FILE)
      .option(
        '--public-keys-file <file>',
        'the public keys every service verifies with',
        process.env.JWT_PUBLIC_KEY_FILE,
      );
  withFiles(command.command('publish'))
    .description('1. a new key pair; its public key joins the published ones')
    .action((options: KeyOptions) => {
      const { kid } = publishNextKey(filesOf(options));
      console.log(
        `published key ${kid}; roll out every service (they now verify with it), then: rotate-jwt-key activate`,
      );
    });
  withFiles(command.command('activate'))
    .description('2. identity signs with the new key from its next start; tokens of the old one stay valid')
    .action((options: KeyOptions) => {
      const { kid, previousKid } = activateNextKey(filesOf(options));
      console.log(
        `signing key is now ${kid} (was ${previousKid}); restart identity, and once its tokens expire: rotate-jwt-key retire`,
      );
    });
  withFiles(command.command('retire'))
    .description('3. once the old key’s tokens have expired, stop publishing it')
    .option('--force', 'retire now, even if tokens signed with the old key may still be alive')
    .action((options: KeyOptions) => {
      const { retired } = retireOldKeys(filesOf(options), { force: options.force ?? false });
      console.log(`retired ${retired.join(', ') || 'nothing'}; roll out every service`);
    });
  return command;
}
