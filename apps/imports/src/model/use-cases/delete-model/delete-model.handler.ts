import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { ImportModelCatalogue } from '../../import-model-catalogue';
import { importModelDecider, modelStreamId } from '../../import-model.decider';

export class DeleteModelCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly modelId: string,
  ) {
    super();
  }
}

@CommandHandler(DeleteModelCommand)
export class DeleteModelHandler implements ICommandHandler<DeleteModelCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly catalogue: ImportModelCatalogue,
  ) {}

  async execute({ caller, modelId }: DeleteModelCommand) {
    const model = await this.catalogue.changeable(caller, modelId);
    await this.commands.execute(
      importModelDecider,
      modelStreamId(modelId),
      { type: 'delete-model' },
      commandMetadata(caller, model.entityId),
    );
  }
}
