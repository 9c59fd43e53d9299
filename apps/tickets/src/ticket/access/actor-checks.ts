import { DomainError } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import type { ActorRef, ActorRole } from '@itsm/contracts';
import { TicketDirectory } from '../../directory/ticket-directory';

/** Actors must exist (in the local copy of identity) and be assigned only by those allowed to. */
@Injectable()
export class ActorChecks {
  constructor(private readonly directory: TicketDirectory) {}

  /** Assigning others needs ticket.assign; taking a ticket for oneself needs ticket.steal. */
  static assertMayAssign(caller: Caller, assignees: ActorRef[]): void {
    const onlySelf = assignees.every((actor) => actor.kind === 'user' && actor.id === caller.userId);
    if (caller.rights.has('ticket.assign')) return;
    if (onlySelf && caller.rights.has('ticket.steal')) return;
    throw new DomainError(
      'forbidden',
      onlySelf ? 'taking a ticket needs ticket.steal' : 'assigning a ticket needs ticket.assign',
    );
  }

  async assertKnown(actors: ActorRef[], role?: ActorRole, ofRole: ActorRef[] = actors): Promise<void> {
    for (const actor of actors) {
      if (actor.kind === 'user') {
        const user = await this.directory.user(actor.id);
        if (!user) throw new DomainError('rule', `unknown user ${actor.id}`);
        if (!user.active) throw new DomainError('rule', `user ${user.login} is deactivated`);
      } else {
        const group = await this.directory.group(actor.id);
        if (!group) throw new DomainError('rule', `unknown group ${actor.id}`);
        if (role === 'assignee' && ofRole.includes(actor) && !group.isAssignee) {
          throw new DomainError('rule', `group ${group.name} cannot be assigned tickets`);
        }
      }
    }
  }
}
