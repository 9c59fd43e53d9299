import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { v7 as uuidv7 } from 'uuid';
import { ROOT_ENTITY_ID } from '../../../entity/entity.decider';
import { metadataFor } from '../../../shared/command-metadata';
import { assertGrantable } from '../assert-grantable';
import { profileDecider, profileStreamId } from '../../profile.decider';
import type { CreateProfileRequestDto } from './create-profile.request.dto';

export class CreateProfileCommand extends Command<{ profileId: string }> {
  /** profileId is given only for GLPI's default profiles, seeded at first start */
  constructor(
    readonly caller: Caller | 'system',
    readonly request: CreateProfileRequestDto,
    readonly profileId: string = uuidv7(),
  ) {
    super();
  }
}

@CommandHandler(CreateProfileCommand)
export class CreateProfileHandler implements ICommandHandler<CreateProfileCommand> {
  constructor(private readonly commands: EventSourcedCommands) {}

  async execute({ caller, request, profileId }: CreateProfileCommand) {
    if (caller !== 'system') assertGrantable(caller, request.rights);
    await this.commands.execute(
      profileDecider,
      profileStreamId(profileId),
      { type: 'create-profile', profileId, name: request.name, interface: request.interface, rights: request.rights },
      metadataFor(caller, ROOT_ENTITY_ID),
    );
    return { profileId };
  }
}
