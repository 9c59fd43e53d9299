import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { importRunDecider, runStreamId } from '../../import-run.decider';
import { ImportRunQueries } from '../../queries/import-run.queries';

export class CancelRunCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly runId: string,
  ) {
    super();
  }
}

/** Stops a run between two batches: lines already sent keep their result. */
@CommandHandler(CancelRunCommand)
export class CancelRunHandler implements ICommandHandler<CancelRunCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly runs: ImportRunQueries,
  ) {}

  async execute({ caller, runId }: CancelRunCommand) {
    const run = await this.runs.visible(caller, runId);
    await this.commands.execute(
      importRunDecider,
      runStreamId(runId),
      { type: 'cancel', reason: `cancelled by ${caller.login}` },
      commandMetadata(caller, run.entityId),
    );
  }
}
