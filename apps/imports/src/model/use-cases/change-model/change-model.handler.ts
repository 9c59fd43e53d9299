import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { ImportModelCatalogue } from '../../import-model-catalogue';
import { importModelDecider, modelStreamId, type ModelFields } from '../../import-model.decider';
import type { ChangeModelRequestDto } from '../model-fields.dto';
import { additionalFields, givenFields, mappedColumns } from '../model-fields';

export class ChangeModelCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly modelId: string,
    readonly request: ChangeModelRequestDto,
  ) {
    super();
  }
}

@CommandHandler(ChangeModelCommand)
export class ChangeModelHandler implements ICommandHandler<ChangeModelCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly catalogue: ImportModelCatalogue,
  ) {}

  async execute({ caller, modelId, request }: ChangeModelCommand) {
    const model = await this.catalogue.changeable(caller, modelId);
    const { mapping, additionalFields: additional, options, ...simple } = givenFields(request);
    const changes: Partial<ModelFields> = {
      ...simple,
      ...(mapping && { mapping: mappedColumns(mapping) }),
      ...(additional && { additionalFields: additionalFields(additional) }),
      ...(options && { options: { ...model.options, ...givenFields(options) } }),
    };
    await this.commands.execute(
      importModelDecider,
      modelStreamId(modelId),
      { type: 'change-model', ...changes },
      commandMetadata(caller, model.entityId),
    );
  }
}
