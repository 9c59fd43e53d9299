import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands } from '@itsm/runtime';
import { versionIdFor } from '../../domain/software-names';
import { SoftwareQueries } from '../../queries/software-queries';
import { softwareDecider, softwareStreamId } from '../../software.decider';
import type { AddVersionRequestDto } from './add-version.request.dto';

export class AddVersionCommand extends Command<{ versionId: string }> {
  constructor(
    readonly caller: Caller,
    readonly softwareId: string,
    readonly request: AddVersionRequestDto,
  ) {
    super();
  }
}

/** A version typed by a technician, on a software of their scope. */
@CommandHandler(AddVersionCommand)
export class AddVersionHandler implements ICommandHandler<AddVersionCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly software: SoftwareQueries,
  ) {}

  async execute({ caller, softwareId, request }: AddVersionCommand) {
    const software = await this.software.visible(caller, softwareId);
    if (!caller.scope.includes(software.entityId)) {
      throw new DomainError(
        'forbidden',
        `software ${software.name} is held by entity ${software.entityId}, outside your scope`,
      );
    }
    const version = {
      versionId: versionIdFor(softwareId, request.name, request.arch),
      name: request.name,
      arch: request.arch ?? null,
    };
    await this.commands.execute(
      softwareDecider,
      softwareStreamId(softwareId),
      { type: 'add-version', softwareId, version },
      commandMetadata(caller, software.entityId),
    );
    return { versionId: version.versionId };
  }
}
