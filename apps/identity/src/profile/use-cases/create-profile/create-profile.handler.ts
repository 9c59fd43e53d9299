import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { ROOT_ENTITY_ID } from '../../../entity/entity.decider';
import { assertGrantable } from '../assert-grantable';
import { profileDecider, profileStreamId } from '../../profile.decider';
import type { CreateProfileRequestDto } from './create-profile.request.dto';

export class CreateProfileCommand extends Command<{ profileId: string }> {
  /** profileId is given only for GLPI's default profiles, seeded at first start */
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly request: CreateProfileRequestDto,
    readonly profileId: string = newId(),
  ) {
    super();
  }
}

@CommandHandler(CreateProfileCommand)
export class CreateProfileHandler implements ICommandHandler<CreateProfileCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, request, profileId }: CreateProfileCommand) {
    if (!isSystemCaller(caller)) assertGrantable(caller, request.rights);
    await this.commands.execute(
      profileDecider,
      profileStreamId(profileId),
      { type: 'create-profile', profileId, name: request.name, interface: request.interface, rights: request.rights },
      commandMetadata(caller, ROOT_ENTITY_ID),
    );
    return { profileId };
  }
}
