import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { DEFAULT_OPTIONS } from '../../domain/import-options';
import { importModelDecider, modelStreamId } from '../../import-model.decider';
import type { CreateModelRequestDto } from '../model-fields.dto';
import { additionalFields, givenFields, mappedColumns } from '../model-fields';

export class CreateModelCommand extends Command<{ modelId: string }> {
  constructor(
    readonly caller: Caller,
    readonly request: CreateModelRequestDto,
  ) {
    super();
  }
}

@CommandHandler(CreateModelCommand)
export class CreateModelHandler implements ICommandHandler<CreateModelCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, request }: CreateModelCommand) {
    const entityId = request.entityId ?? caller.entityId;
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    const modelId = newId();
    await this.commands.execute(
      importModelDecider,
      modelStreamId(modelId),
      {
        type: 'create-model',
        modelId,
        ownerId: caller.userId,
        name: request.name,
        comment: request.comment ?? '',
        entityId,
        recursive: request.recursive ?? false,
        private: request.private ?? true,
        targetType: request.targetType,
        options: { ...DEFAULT_OPTIONS, ...givenFields(request.options ?? {}) },
        mapping: mappedColumns(request.mapping),
        additionalFields: additionalFields(request.additionalFields),
      },
      commandMetadata(caller, entityId),
      { newStream: true },
    );
    return { modelId };
  }
}
