import { importProgram } from './cli/import.command';

// `npm run import -- …` runs from the repository's root: paths are the caller's, as npm gives them in INIT_CWD
importProgram(process.env, process.env.INIT_CWD ?? process.cwd())
  .parseAsync(process.argv)
  .then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      const commanderExit = (error as { exitCode?: number }).exitCode;
      if (commanderExit === undefined) console.error((error as { message?: string }).message ?? String(error));
      // a usage error (commander says 1) is the CLI not running the import: 2, as 1 means lines failed
      process.exit(commanderExit === 0 ? 0 : 2);
    },
  );
