import { Inject, Injectable } from '@nestjs/common';
import { commandMetadata, systemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import type { EventEnvelope, EscalationAction } from '@itsm/contracts';
import { ProjectionStore } from '@itsm/eventsourcing';
import { EventSourcedCommands, MONGO_CONNECTION } from '@itsm/runtime';
import type { Connection } from 'mongoose';
import { SLA_SETTINGS, type SlaSettings } from '../sla.env';
import { AgreementResolver } from './agreement-resolver';
import { milestonesOf } from './ticket-milestones';
import { ticketFactsProjection, type TicketFactsDoc } from './ticket-facts/ticket-facts.projection';
import type { TicketFacts, TicketMilestone, TicketSlaCommand } from './ticket-sla.commands';
import { ticketSlaDecider, ticketSlaStreamId } from './ticket-sla.decider';
import type { TicketSlaState } from './ticket-sla.state';
import { LEVEL_TIMERS } from './timers/level-timers.provider';
import type { LevelTimers } from './timers/level-timers';
import { timerPlan, type LevelTimer } from './timers/timer-plan';

const SLA_ITSELF = systemCaller('sla');
/** milestones that restart a stopped clock: the paused business time depends on the calendar */
const RESUMING: TicketMilestone[] = ['resumed', 'solution-refused', 'reopened'];

export const factsOf = (doc: TicketFactsDoc): TicketFacts => ({
  ticketId: doc.ticketId,
  entityId: doc.entityId,
  openedAt: doc.openedAt,
  status: doc.status,
  takenIntoAccountAt: doc.takenIntoAccountAt,
});

/**
 * Follows tickets: each ticket event updates the local ticket facts, then the ticket's deadlines
 * (through the decider), then its timers. One Kafka consumer runs it, so a ticket's events come in order.
 */
@Injectable()
export class TicketSlaTracking {
  readonly facts: ProjectionStore<TicketFactsDoc>;

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly resolver: AgreementResolver,
    @Inject(LEVEL_TIMERS) private readonly timers: LevelTimers,
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Inject(SLA_SETTINGS) private readonly settings: SlaSettings,
  ) {
    // not a feed of its own: applied here, just before the deadlines, so both see the same ticket
    this.facts = new ProjectionStore(connection, ticketFactsProjection);
  }

  async observe(envelope: EventEnvelope): Promise<void> {
    if (!ticketFactsProjection.handles.has(envelope.type)) return;
    await this.facts.apply(envelope);
    const ticketId = (envelope.data as { ticketId: string }).ticketId;
    // the copy the apply just wrote, when it holds one: no read back
    const doc = (await this.facts.lastWritten(envelope.streamId)) ?? (await this.ticketFacts(ticketId));
    if (!doc) return;
    const milestones = milestonesOf(envelope, doc.requesterIds);
    if (milestones.length === 0) return;
    const reclassifies = milestones.includes('opened') || milestones.includes('reclassified');
    const command: TicketSlaCommand = {
      type: 'observe-ticket',
      ticket: factsOf(doc),
      ticketSequence: envelope.sequence,
      at: envelope.occurredAt,
      milestones,
      chosen: reclassifies ? await this.resolver.chosenFor(doc) : [],
      calendars: RESUMING.some((milestone) => milestones.includes(milestone)) ? await this.calendarsOf(ticketId) : {},
      horizonDays: this.settings.calendarLimits.horizonDays,
    };
    await this.run(ticketId, command, envelope.correlationId);
  }

  async ticketFacts(ticketId: string): Promise<TicketFactsDoc | null> {
    return (await this.facts.collection()).findOne({ ticketId });
  }

  /** A timer went off: emit the level if the ticket still deserves it; say when it is due otherwise. */
  async fire(timer: LevelTimer): Promise<{ stillDueAt: string | null }> {
    const terms = await this.resolver.agreement(timer.slaId);
    const actions: EscalationAction[] = terms?.levels.find((level) => level.levelId === timer.levelId)?.actions ?? [];
    const state = await this.run(timer.ticketId, {
      type: 'reach-level',
      slaId: timer.slaId,
      levelId: timer.levelId,
      now: new Date().toISOString(),
      actions,
    });
    const waiting = timerPlan(state).pending.find((pending) => pending.jobId === timer.jobId);
    return { stillDueAt: waiting?.dueAt ?? null };
  }

  /** Runs a command on a ticket's deadlines, then sets its timers to match the outcome. */
  async run(
    ticketId: string,
    command: TicketSlaCommand,
    correlationId?: string,
    actor: Pick<Caller, 'userId'> | SystemCaller = SLA_ITSELF,
  ): Promise<TicketSlaState> {
    const entityId =
      'ticket' in command ? command.ticket.entityId : ((await this.ticketFacts(ticketId))?.entityId ?? 'unknown');
    // a ticket just opened has no deadlines yet: no read (should it have some, the append says so)
    const newStream = command.type === 'observe-ticket' && command.milestones.includes('opened');
    const { state } = await this.commands.execute(
      ticketSlaDecider,
      ticketSlaStreamId(ticketId),
      command,
      commandMetadata(actor, entityId, { correlationId }),
      { newStream },
    );
    await this.syncTimers(state);
    return state;
  }

  async syncTimers(state: TicketSlaState): Promise<void> {
    const { pending, cancelled } = timerPlan(state);
    await this.timers.cancel(cancelled);
    await this.timers.schedule(pending);
  }

  private async calendarsOf(ticketId: string) {
    const { state } = await this.commands.load(ticketSlaDecider, ticketSlaStreamId(ticketId));
    return this.resolver.calendars(state.agreements.map((agreement) => agreement.calendarId));
  }
}
