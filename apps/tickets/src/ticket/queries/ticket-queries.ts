import { seesInternalDeadlines } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import type { ProjectedFields } from '@itsm/eventsourcing';
import type { ActorRef, ActorRole } from '@itsm/contracts';
import { pageOf, type Page } from '@itsm/runtime';
import { AssetCatalogue } from '../../assets/asset-catalogue';
import { TicketDeadlinesReader, type TicketSlaSummary } from '../../deadlines/ticket-deadlines';
import { TicketDirectory } from '../../directory/ticket-directory';
import { TicketAccess, type TicketCaller } from '../access/ticket-access';
import type { TicketView } from '../read-models/ticket-view.projection';
import { fanOutPage, type FanOut } from '@itsm/runtime';
import { IndexedTicketList } from './list-index/indexed-ticket-list';
import { listedOf, type ListedTicket } from './listed-ticket';
import { breachKeysOf, fanOutPlan, ticketCriteria, type ListTicketsQuery } from './list-tickets.query';

const seconds = (from: string | null, to: string | null) =>
  from && to ? Math.round((Date.parse(to) - Date.parse(from)) / 1000) : null;

const nameOf = (names: Map<string, string>) => (actor: ActorRef) => ({
  ...actor,
  name: names.get(`${actor.kind}:${actor.id}`) ?? actor.id,
});

/** Answers from the ticket read model and the local directory only: no call to another service. */
@Injectable()
export class TicketQueries {
  constructor(
    private readonly access: TicketAccess,
    private readonly directory: TicketDirectory,
    private readonly deadlines: TicketDeadlinesReader,
    private readonly indexed: IndexedTicketList,
    private readonly assets: AssetCatalogue,
  ) {}

  async list(caller: Caller, query: ListTicketsQuery) {
    const who = await this.access.callerOf(caller);
    const tickets = await this.access.tickets();
    const plan = fanOutPlan(query, who);
    // breaches live in another read model (fed by the sla context): found there first, by id
    const breaches = breachKeysOf(query);
    const breachedIds = breaches.length > 0 ? await this.deadlines.breachedTicketIds(who, breaches) : undefined;
    const page = plan
      ? await this.simplePage(plan)
      : await pageOf(
          tickets,
          this.access.readFilter(who, ticketCriteria(query, who, breachedIds)),
          query,
          query.sort,
          (ticket) => listedOf(ticket as TicketView),
        );
    const names = await this.directory.names(
      page.items.flatMap((ticket) => [...ticket.requesters, ...ticket.assignees]),
    );
    return { ...page, items: page.items.map((ticket) => this.summary(ticket, names)) };
  }

  /** The simple lists: from the replica's list index, or from the read model while it is not ready. */
  private async simplePage(plan: FanOut): Promise<Page<ListedTicket>> {
    const indexed = this.indexed.page(plan);
    if (indexed) return indexed;
    const page = await fanOutPage((await this.access.tickets()) as never, plan);
    return { ...page, items: (page.items as unknown as TicketView[]).map(listedOf) };
  }

  async get(caller: Caller, ticketId: string) {
    const who = await this.access.callerOf(caller);
    return this.detail(who, await this.access.visible(who, ticketId), this.deadlines.of(ticketId));
  }

  /**
   * A command's answer: the ticket as the command left it, and its deadlines, read while the
   * command runs (the sla service hears of the command's events only later either way).
   */
  async answer(caller: Caller, ticketId: string, command: Promise<TicketView>) {
    const deadlines = this.deadlines.of(ticketId);
    deadlines.catch(() => undefined); // not awaited when the command fails
    return this.detail(caller, await command, deadlines);
  }

  /**
   * The answer to a creation: the document this replica has just written, and no agreement yet
   * (the sla service attaches them once it hears of the ticket; GET shows them).
   */
  async opened(caller: Caller, ticketId: string) {
    const who = await this.access.callerOf(caller);
    const ticket = await this.access.visibleAsWritten(who, ticketId);
    return this.detail(who, ticket, Promise.resolve(TicketDeadlinesReader.noneYet()));
  }

  private async detail(caller: Caller, ticket: TicketView, deadlines: Promise<TicketSlaSummary>) {
    const [names, sla, items] = await Promise.all([
      this.directory.names(Object.values(ticket.actors).flat()),
      deadlines,
      this.assets.named(ticket.items),
    ]);
    // the API shape: no bookkeeping (_id, _sequence), no query index, the timeline has its own route
    const {
      timeline: _t,
      actorIndex: _i,
      pendingSince: _p,
      _id,
      _sequence,
      ...view
    } = ticket as TicketView & Partial<ProjectedFields>;
    return {
      ...view,
      actors: this.named(ticket.actors, names),
      // the assets' names from tickets' copy of the Parc: a renamed asset shows its new name
      items,
      statistics: {
        timeToOwnSeconds: seconds(ticket.openedAt, ticket.takenIntoAccountAt),
        timeToResolveSeconds: seconds(ticket.openedAt, ticket.solvedAt),
        timeToCloseSeconds: seconds(ticket.openedAt, ticket.closedAt),
        waitingSeconds: ticket.waitingSeconds,
      },
      // requesters see their agreements' deadlines; internal ones (OLA) and escalation levels are the desk's
      sla: seesInternalDeadlines(caller) ? sla : TicketDeadlinesReader.forRequesters(sla),
    };
  }

  /** The timeline in the order things happened; private items only for technicians (ticket.update). */
  async timeline(caller: Caller, ticketId: string) {
    const who: TicketCaller = await this.access.callerOf(caller);
    return this.timelineOf(who, await this.access.visible(who, ticketId));
  }

  /** The timeline of a ticket already found visible (a command's answer). */
  async timelineOf(caller: Caller, ticket: TicketView) {
    const seesPrivate = caller.rights.has('ticket.update');
    const items = ticket.timeline.filter((item) => seesPrivate || !item.private);
    const names = await this.directory.names(items.map((item) => ({ kind: 'user' as const, id: item.authorId })));
    return items.map((item) => ({ ...item, authorName: names.get(`user:${item.authorId}`) ?? item.authorId }));
  }

  /** The API's list item: the listed fields, with the actors' names. */
  private summary(ticket: ListedTicket, names: Map<string, string>) {
    // an index row also holds its sequence: bookkeeping, not shown
    const { requesters, assignees, sequence: _sequence, ...shown } = ticket as ListedTicket & { sequence?: number };
    return { ...shown, requesters: requesters.map(nameOf(names)), assignees: assignees.map(nameOf(names)) };
  }

  private named(actors: Record<ActorRole, ActorRef[]>, names: Map<string, string>) {
    const name = nameOf(names);
    return {
      requester: actors.requester.map(name),
      observer: actors.observer.map(name),
      assignee: actors.assignee.map(name),
    };
  }
}
