import { Inject, Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { projectionHistory, type MongoEventStore } from '@itsm/eventsourcing';
import { EVENT_STORE } from '@itsm/runtime';
import { TicketDirectory } from '../../directory/ticket-directory';
import { TicketAccess } from '../access/ticket-access';
import { ticketViewProjection } from '../read-models/ticket-view.projection';
import { ticketStreamId } from '../ticket.decider';

/** Fields of the view that are bookkeeping or shown by the timeline route, not history lines. */
const HIDDEN = ['timeline', 'actorIndex', 'updatedAt', 'pendingSince'];

/**
 * GLPI's "Historique": every change of the ticket (field, old → new, who, when), from its events
 * folded through the ticket view. Private follow-ups and tasks stay out for those who may not
 * see them, as in the timeline.
 */
@Injectable()
export class TicketHistory {
  constructor(
    private readonly access: TicketAccess,
    private readonly directory: TicketDirectory,
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
  ) {}

  async of(caller: Caller, ticketId: string) {
    const who = await this.access.callerOf(caller);
    await this.access.visible(who, ticketId);
    const events = await this.store.readStream(ticketStreamId(ticketId));
    const seesPrivate = who.rights.has('ticket.update');
    const shown = events.filter((event) => seesPrivate || (event.data as { private?: boolean }).private !== true);
    const history = projectionHistory(ticketViewProjection, shown, HIDDEN);
    const names = await this.directory.names(
      history
        .filter((entry) => entry.actor.kind === 'user')
        .map((entry) => ({ kind: 'user' as const, id: entry.actor.id })),
    );
    return history.map((entry) => ({ ...entry, actorName: names.get(`user:${entry.actor.id}`) ?? entry.actor.id }));
  }
}
