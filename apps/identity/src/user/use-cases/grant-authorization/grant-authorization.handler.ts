import { DomainError } from '@itsm/domain';

import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  commandMetadata,
  isSystemCaller,
  type Caller,
  type SystemCaller,
  assertMayManage,
  assertReachable,
} from '@itsm/auth';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { userDecider, userStreamId } from '../../user.decider';
import type { GrantAuthorizationRequestDto } from './grant-authorization.request.dto';

export class GrantAuthorizationCommand extends Command<{ authorizationId: string }> {
  constructor(
    readonly caller: Caller | SystemCaller,
    readonly userId: string,
    readonly request: GrantAuthorizationRequestDto,
  ) {
    super();
  }
}

/** Nobody grants more than they hold, nor beyond their own entities: no escalation by delegation. */
@CommandHandler(GrantAuthorizationCommand)
export class GrantAuthorizationHandler implements ICommandHandler<GrantAuthorizationCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, userId, request }: GrantAuthorizationCommand) {
    const recursive = request.recursive ?? true;
    const profile = await this.directory.profile(request.profileId);
    let entityId = request.entityId;
    if (isSystemCaller(caller)) {
      entityId = (await (await this.directory.entities()).findOne({ entityId }))?.entityId ?? 'root';
    } else {
      if (userId === caller.userId) throw new DomainError('forbidden', 'you cannot grant yourself an authorization');
      await this.directory.manageableUser(caller, userId);
      assertMayManage(caller, profile.rights, `profile ${profile.name}`);
      assertReachable(caller, await this.directory.entityTree(), entityId, recursive);
    }
    const authorizationId = newId();
    await this.commands.execute(
      userDecider,
      userStreamId(userId),
      { type: 'grant-authorization', authorizationId, profileId: profile.profileId, entityId, recursive },
      commandMetadata(caller, entityId),
    );
    return { authorizationId };
  }
}
