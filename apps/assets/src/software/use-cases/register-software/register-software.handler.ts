import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { softwareIdFor, versionIdFor } from '../../domain/software-names';
import { softwareDecider, softwareStreamId } from '../../software.decider';
import type { RegisterSoftwareCommandDto } from './register-software.kafka.controller';

export class RegisterSoftwareCommand extends Command<{ softwareId: string; versionId: string | null }> {
  constructor(
    readonly caller: Caller,
    readonly request: RegisterSoftwareCommandDto,
  ) {
    super();
  }
}

/**
 * A software import's line (`software.register`): the software of that name and publisher in the
 * entity, and its version, each recorded unless there, as an inventory records what it finds
 * (the decider's register-found), under POST /api/software's rights and scope.
 */
@CommandHandler(RegisterSoftwareCommand)
export class RegisterSoftwareHandler implements ICommandHandler<RegisterSoftwareCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, request }: RegisterSoftwareCommand) {
    const entityId = request.entityId ?? caller.entityId;
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    const softwareId = softwareIdFor(entityId, request.name, request.publisher);
    const version = request.version ?? null;
    const versions =
      version === null ? [] : [{ versionId: versionIdFor(softwareId, version, null), name: version, arch: null }];
    await this.commands.execute(
      softwareDecider,
      softwareStreamId(softwareId),
      {
        type: 'register-found',
        software: {
          softwareId,
          entityId,
          recursive: request.recursive ?? true,
          name: request.name,
          publisher: request.publisher ?? null,
          comment: request.comment ?? null,
        },
        versions,
      },
      commandMetadata(caller, entityId),
    );
    return { softwareId, versionId: versions[0]?.versionId ?? null };
  }
}
