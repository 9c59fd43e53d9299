import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { entityDecider, entityStreamId } from '../../entity.decider';
import { namedSettings } from '../entity-settings.dto';
import type { UpdateEntityRequestDto } from './update-entity.request.dto';

export class UpdateEntityCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly entityId: string,
    readonly request: UpdateEntityRequestDto,
  ) {
    super();
  }
}

/** Rename and settings are two decisions, recorded as two events of one request. */
@CommandHandler(UpdateEntityCommand)
export class UpdateEntityHandler implements ICommandHandler<UpdateEntityCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, entityId, request }: UpdateEntityCommand) {
    await this.directory.visibleEntity(caller, entityId);
    const metadata = commandMetadata(caller, entityId);
    const streamId = entityStreamId(entityId);
    if (request.name !== undefined) {
      await this.commands.execute(entityDecider, streamId, { type: 'rename-entity', name: request.name }, metadata);
    }
    if (request.settings !== undefined) {
      const command = { type: 'change-entity-settings' as const, settings: namedSettings(request.settings) ?? {} };
      await this.commands.execute(entityDecider, streamId, command, {
        ...metadata,
        causationId: `${metadata.causationId}:settings`,
      });
    }
  }
}
