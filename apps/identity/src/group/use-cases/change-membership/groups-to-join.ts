import { applyDecorators, Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches } from 'class-validator';
import { CommandBus } from '@nestjs/cqrs';
import type { Caller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import type { KafkaCommandContext } from '@itsm/runtime';
import { IdentityDirectory } from '../../../shared/identity-directory';
import { ChangeMembershipCommand } from './change-membership.handler';

/** A command's `groupIds`: the groups the user joins (an import's group column), 100 at most. */
export const GroupIdsField = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(100),
    IsString({ each: true }),
    Matches(/^[A-Za-z0-9_-]{1,64}$/, { each: true }),
  );

/**
 * The groups a user joins with their registration or update (`groupIds` of user.register v3 and
 * user.update v2: an import's group column), under the rules of POST /api/groups/:id/members.
 * They are checked before the user is written, so that a group the caller may not fill refuses
 * the whole command and writes nothing; then each is joined as the route joins it. Every write is
 * one of the command's keyed writes: a redelivery replays those done and does the rest once.
 */
@Injectable()
export class GroupsToJoin {
  constructor(
    private readonly directory: IdentityDirectory,
    private readonly commandBus: CommandBus,
  ) {}

  /** `since`: the command's first version taking groupIds (an older one's contract has no such field) */
  async assertJoinable(
    caller: Caller,
    groupIds: readonly string[] | undefined,
    { command }: KafkaCommandContext,
    since: number,
  ): Promise<void> {
    if (groupIds === undefined) return;
    if (command.schemaVersion < since) {
      const message = `groupIds is taken by ${command.type} version ${since} and later`;
      throw new DomainError('invalid', message, { errors: [{ field: 'groupIds', message }] });
    }
    if (groupIds.length === 0) return;
    // the route's right: a user.write caller fills no group without it
    if (!caller.rights.has('group.write')) throw new DomainError('forbidden', 'missing right group.write');
    for (const groupId of new Set(groupIds)) await this.directory.visibleGroup(caller, groupId);
  }

  async join(caller: Caller, userId: string, groupIds: readonly string[] = []): Promise<void> {
    for (const groupId of new Set(groupIds)) {
      await this.commandBus.execute(new ChangeMembershipCommand(caller, groupId, userId, 'add'));
    }
  }
}
