import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, type Caller } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { ROOT_ENTITY_ID } from '../../../entity/entity.decider';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { assertGrantable } from '../assert-grantable';
import { profileDecider, profileStreamId } from '../../profile.decider';

export class ChangeProfileRightsCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly profileId: string,
    readonly rights: string[],
  ) {
    super();
  }
}

/** Rights are data: changing them here changes what every holder may do at their next token. */
@CommandHandler(ChangeProfileRightsCommand)
export class ChangeProfileRightsHandler implements ICommandHandler<ChangeProfileRightsCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, profileId, rights }: ChangeProfileRightsCommand) {
    const profile = await this.directory.profile(profileId);
    // both the rights removed and the rights added must be the editor's own
    assertGrantable(caller, [...profile.rights, ...rights]);
    await this.commands.execute(
      profileDecider,
      profileStreamId(profileId),
      { type: 'change-profile-rights', rights },
      commandMetadata(caller, ROOT_ENTITY_ID),
    );
  }
}
