import type { DynamicModule } from '@nestjs/common';
import { Command } from 'commander';
import { deadLetterCommands } from './dead-letters.command';
import { lagCommand } from './lag.command';
import { rebuildCommand } from './rebuild.command';
import { ServiceContext } from './service-context';

export interface OperationsCliOptions {
  /** the service's name (identity, tickets, sla) */
  service: string;
  /** its module without background work: no consumers, relay nor timers */
  module: () => DynamicModule;
  /** the service's own commands (identity: create-admin, rotate-jwt-key) */
  extend?: (program: Command, context: ServiceContext) => void;
}

/** The service's operations CLI: `node apps/<service>/dist/cli.js <command>`. */
export function operationsProgram(options: OperationsCliOptions, context: ServiceContext): Command {
  const program = new Command(`${options.service}-cli`)
    .description(`Operations on the ${options.service} service, with its environment (MONGO_URL, KAFKA_BROKERS…)`)
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(lagCommand(context));
  program.addCommand(rebuildCommand(context));
  program.addCommand(deadLetterCommands(options.service, context));
  options.extend?.(program, context);
  return program;
}

/** Runs the CLI on the process's arguments; exits 0 when the command succeeded, 1 with its message otherwise. */
export function runOperationsCli(options: OperationsCliOptions, argv = process.argv): void {
  const context = new ServiceContext(options.module);
  const run = async () => {
    try {
      await operationsProgram(options, context).parseAsync(argv);
    } finally {
      await context.close();
    }
  };
  run().then(
    () => process.exit(process.exitCode ?? 0),
    (error: unknown) => {
      const commanderExit = (error as { exitCode?: number }).exitCode;
      if (commanderExit === undefined) console.error((error as { message?: string }).message ?? String(error));
      process.exit(commanderExit ?? 1);
    },
  );
}
