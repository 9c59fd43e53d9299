import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { softwareIdFor } from '../../domain/software-names';
import { softwareDecider, softwareStreamId } from '../../software.decider';
import type { CreateSoftwareRequestDto } from './create-software.request.dto';

export class CreateSoftwareCommand extends Command<{ softwareId: string }> {
  constructor(
    readonly caller: Caller,
    readonly request: CreateSoftwareRequestDto,
  ) {
    super();
  }
}

/**
 * A software typed by a technician: its id derives from its entity, name and publisher, so the
 * same software found later by an inventory is this one (and typing it twice is a 409).
 */
@CommandHandler(CreateSoftwareCommand)
export class CreateSoftwareHandler implements ICommandHandler<CreateSoftwareCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, request }: CreateSoftwareCommand) {
    const entityId = request.entityId ?? caller.entityId;
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    const softwareId = softwareIdFor(entityId, request.name, request.publisher);
    await this.commands.execute(
      softwareDecider,
      softwareStreamId(softwareId),
      {
        type: 'create-software',
        softwareId,
        entityId,
        recursive: request.recursive ?? true,
        name: request.name,
        publisher: request.publisher ?? null,
        comment: request.comment ?? null,
      },
      commandMetadata(caller, entityId),
    );
    return { softwareId };
  }
}
