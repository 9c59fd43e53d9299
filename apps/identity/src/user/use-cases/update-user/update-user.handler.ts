import { DomainError } from '@itsm/domain';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandMetadata, EntityTree, type Caller } from '@itsm/auth';
import type { UserDetails } from '@itsm/contracts';
import { EventSourcedCommands } from '@itsm/runtime';

import { IdentityDirectory } from '../../../shared/identity-directory';
import type { UserListDoc } from '../../read-models/user-list.projection';
import { userDecider, userStreamId } from '../../user.decider';
import type { UpdateUserRequestDto } from './update-user.request.dto';

export class UpdateUserCommand extends Command<void> {
  constructor(
    readonly caller: Caller,
    readonly userId: string,
    readonly request: UpdateUserRequestDto,
  ) {
    super();
  }
}

@CommandHandler(UpdateUserCommand)
export class UpdateUserHandler implements ICommandHandler<UpdateUserCommand> {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly directory: IdentityDirectory,
  ) {}

  async execute({ caller, userId, request }: UpdateUserCommand) {
    const user = await this.directory.manageableUser(caller, userId);
    const { defaultEntityId, defaultProfileId, language, ...fields } = request;
    // the DTO instance holds every declared field, undefined when the request left it out
    const details = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const metadata = commandMetadata(caller, user.defaultEntityId);
    const streamId = userStreamId(userId);
    if (Object.keys(details).length > 0) {
      const changes = details as Partial<UserDetails>;
      await this.commands.execute(userDecider, streamId, { type: 'change-user-details', changes }, metadata);
    }
    if (language !== undefined) {
      await this.commands.execute(
        userDecider,
        streamId,
        { type: 'change-user-language', language },
        {
          ...metadata,
          causationId: `${metadata.causationId}:language`,
        },
      );
    }
    if (defaultEntityId !== undefined || defaultProfileId !== undefined) {
      const entityId = defaultEntityId ?? user.defaultEntityId;
      this.assertReachable(user, entityId, await this.directory.entityTree());
      const command = {
        type: 'change-user-defaults' as const,
        defaultEntityId: entityId,
        defaultProfileId: defaultProfileId === undefined ? user.defaultProfileId : defaultProfileId,
      };
      await this.commands.execute(userDecider, streamId, command, {
        ...metadata,
        causationId: `${metadata.causationId}:defaults`,
      });
    }
  }

  /** The default entity must be one the user's authorizations reach, or it could not sign in there. */
  private assertReachable(user: UserListDoc, entityId: string, tree: EntityTree) {
    const reached = user.authorizations.some(
      (held) => held.entityId === entityId || (held.recursive && tree.ancestorsOf(entityId).includes(held.entityId)),
    );
    if (!reached && entityId !== user.defaultEntityId) {
      throw new DomainError('rule', `the user holds no authorization reaching entity ${entityId}`);
    }
  }
}
