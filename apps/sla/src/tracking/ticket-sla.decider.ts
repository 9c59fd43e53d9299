import { DomainError, fold, type Decider } from '@itsm/domain';
import type { CalendarDefinition, SlaAttached, SlaDeadlineChanged, SlaMet, TicketSlaEvent } from '@itsm/contracts';
import { deadlineOf, levelsOf, postpone, scheduleLevels } from './deadlines';
import type { ResolvedAgreement, TicketFacts, TicketMilestone, TicketSlaCommand } from './ticket-sla.commands';
import {
  evolveTicketSla,
  initialTicketSlaState,
  sameSlot,
  type TicketSlaState,
  type TrackedAgreement,
} from './ticket-sla.state';

type Step = (state: TicketSlaState) => TicketSlaEvent[];

const refOf = (ticketId: string, agreement: TrackedAgreement) => ({
  ticketId,
  slaId: agreement.slaId,
  agreement: agreement.agreement,
  kind: agreement.kind,
});

function attach(
  ticket: TicketFacts,
  resolved: ResolvedAgreement,
  reason: SlaAttached['data']['reason'],
  ticketSequence: number,
  horizonDays: number,
): SlaAttached {
  const deadline = deadlineOf(resolved, ticket.openedAt, horizonDays);
  return {
    type: 'sla.attached',
    data: {
      ticketId: ticket.ticketId,
      slaId: resolved.slaId,
      agreement: resolved.terms.agreement,
      kind: resolved.terms.kind,
      ticketSequence,
      entityId: ticket.entityId,
      name: resolved.terms.name,
      calendarId: resolved.calendarId,
      startedAt: ticket.openedAt,
      deadline,
      levels: scheduleLevels(levelsOf(resolved.terms), deadline),
      reason,
    },
  };
}

function met(
  ticketId: string,
  agreement: TrackedAgreement,
  at: string,
  reason: SlaMet['data']['reason'],
  ticketSequence: number,
): SlaMet {
  // a paused clock stopped where the pause began: lateness is judged there
  const stoppedAt = agreement.state === 'paused' && agreement.stoppedAt ? agreement.stoppedAt : at;
  return {
    type: 'sla.met',
    data: {
      ...refOf(ticketId, agreement),
      ticketSequence,
      deadline: agreement.deadline,
      metAt: at,
      late: Date.parse(stoppedAt) > Date.parse(agreement.deadline),
      reason,
    },
  };
}

function deadlineChanged(
  ticketId: string,
  agreement: TrackedAgreement,
  change: Pick<SlaDeadlineChanged['data'], 'deadline' | 'paused' | 'changedAt' | 'waitingSeconds' | 'reason'>,
  ticketSequence: number,
): SlaDeadlineChanged {
  return {
    type: 'sla.deadline-changed',
    data: {
      ...refOf(ticketId, agreement),
      ticketSequence,
      levels: scheduleLevels(agreement.levels, change.deadline),
      ...change,
    },
  };
}

/** Rules re-evaluated: slots set by hand or already met stay; others follow the rules' choice. */
function reattach(
  ticket: TicketFacts,
  chosen: ResolvedAgreement[],
  sequence: number,
  initial: boolean,
  horizonDays: number,
): Step {
  return (state) => {
    const events: TicketSlaEvent[] = [];
    for (const current of state.agreements) {
      if (current.explicit || current.state === 'met') continue;
      const next = chosen.find((candidate) => sameSlot(candidate.terms, current));
      if (next?.slaId === current.slaId) continue;
      events.push({
        type: 'sla.detached',
        data: { ...refOf(ticket.ticketId, current), ticketSequence: sequence, reason: 'reclassified' },
      });
    }
    for (const next of chosen) {
      const current = state.agreements.find((agreement) => sameSlot(agreement, next.terms));
      if (current && (current.explicit || current.state === 'met' || current.slaId === next.slaId)) continue;
      events.push(attach(ticket, next, initial ? 'rule' : 'reclassified', sequence, horizonDays));
    }
    return events;
  };
}

function stopClocks(
  ticketId: string,
  at: string,
  sequence: number,
  which: (agreement: TrackedAgreement) => boolean,
  reason: SlaMet['data']['reason'],
): Step {
  return (state) =>
    state.agreements
      .filter((agreement) => agreement.state !== 'met' && which(agreement))
      .map((agreement) => met(ticketId, agreement, at, reason, sequence));
}

/** GLPI pauses only TTR: the deadline stops, and later moves out by the paused business time. */
function pause(ticketId: string, at: string, sequence: number): Step {
  return (state) =>
    state.agreements
      .filter((agreement) => agreement.kind === 'ttr' && agreement.state === 'running')
      .map((agreement) =>
        deadlineChanged(
          ticketId,
          agreement,
          {
            deadline: agreement.deadline,
            paused: true,
            changedAt: at,
            waitingSeconds: agreement.waitingSeconds,
            reason: 'paused',
          },
          sequence,
        ),
      );
}

function resume(
  ticketId: string,
  at: string,
  sequence: number,
  from: TrackedAgreement['state'],
  reason: SlaDeadlineChanged['data']['reason'],
  calendars: Record<string, CalendarDefinition>,
  horizonDays: number,
): Step {
  return (state) =>
    state.agreements
      .filter((agreement) => agreement.kind === 'ttr' && agreement.state === from && agreement.stoppedAt)
      .map((agreement) => {
        const calendar = agreement.calendarId ? (calendars[agreement.calendarId] ?? null) : null;
        const moved = postpone(calendar, agreement.deadline, agreement.stoppedAt!, at, horizonDays);
        return deadlineChanged(
          ticketId,
          agreement,
          {
            deadline: moved.deadline,
            paused: false,
            changedAt: at,
            waitingSeconds: agreement.waitingSeconds + Math.round(moved.pausedMs / 1000),
            reason,
          },
          sequence,
        );
      });
}

/** New agreements catch up with the ticket: TTO met if it was already taken into account, TTR paused if pending. */
function reclassify(command: Extract<TicketSlaCommand, { type: 'observe-ticket' }>, initial: boolean): Step {
  const { ticket, at, ticketSequence: sequence } = command;
  if (ticket.status === 'solved' || ticket.status === 'closed') return () => [];
  const steps = [reattach(ticket, command.chosen, sequence, initial, command.horizonDays)];
  if (ticket.takenIntoAccountAt) {
    const takenAt = ticket.takenIntoAccountAt;
    steps.push(
      stopClocks(ticket.ticketId, takenAt, sequence, (agreement) => agreement.kind === 'tto', 'taken-into-account'),
    );
  }
  if (ticket.status === 'pending') steps.push(pause(ticket.ticketId, at, sequence));
  return (state) => runSteps(state, steps);
}

function stepsFor(command: Extract<TicketSlaCommand, { type: 'observe-ticket' }>, milestone: TicketMilestone): Step {
  const { ticket, at, ticketSequence: sequence, calendars, horizonDays } = command;
  const id = ticket.ticketId;
  switch (milestone) {
    case 'opened':
    case 'reclassified':
      return reclassify(command, milestone === 'opened');
    case 'taken-into-account':
      return stopClocks(id, at, sequence, (agreement) => agreement.kind === 'tto', 'taken-into-account');
    case 'paused':
      return pause(id, at, sequence);
    case 'resumed':
      return resume(id, at, sequence, 'paused', 'resumed', calendars, horizonDays);
    case 'solved':
      return stopClocks(id, at, sequence, () => true, 'solved');
    case 'solution-refused':
      return resume(id, at, sequence, 'met', 'solution-refused', calendars, horizonDays);
    case 'reopened':
      return resume(id, at, sequence, 'met', 'resumed', calendars, horizonDays);
    case 'closed':
      return stopClocks(id, at, sequence, () => true, 'closed');
  }
}

/** Runs the steps one after the other, each on the state the previous ones left. */
function runSteps(state: TicketSlaState, steps: Step[]): TicketSlaEvent[] {
  const events: TicketSlaEvent[] = [];
  let current = state;
  for (const step of steps) {
    const produced = step(current);
    events.push(...produced);
    current = fold(ticketSlaDecider, current, produced);
  }
  return events;
}

function setAgreement(command: Extract<TicketSlaCommand, { type: 'set-agreement' }>, state: TicketSlaState) {
  const { ticket, resolved, at, horizonDays } = command;
  if (ticket.status === 'solved' || ticket.status === 'closed') {
    return new DomainError('conflict', `ticket ${ticket.ticketId} is ${ticket.status}: its deadlines are final`);
  }
  const current = state.agreements.find((agreement) => sameSlot(agreement, resolved.terms));
  if (current?.slaId === resolved.slaId && current.explicit) return [];
  if (current?.state === 'met') {
    return new DomainError(
      'conflict',
      `the ${current.agreement.toUpperCase()} ${current.kind.toUpperCase()} of this ticket is already met`,
    );
  }
  const steps: Step[] = [];
  if (current) {
    steps.push(() => [
      { type: 'sla.detached', data: { ...refOf(ticket.ticketId, current), ticketSequence: 0, reason: 'explicit' } },
    ]);
  }
  steps.push(() => [attach(ticket, resolved, 'explicit', 0, horizonDays)]);
  if (resolved.terms.kind === 'ttr' && ticket.status === 'pending') steps.push(pause(ticket.ticketId, at, 0));
  return runSteps(state, steps);
}

function reachLevel(command: Extract<TicketSlaCommand, { type: 'reach-level' }>, state: TicketSlaState) {
  const agreement = state.agreements.find((candidate) => candidate.slaId === command.slaId);
  if (!agreement || agreement.state !== 'running' || agreement.fired.includes(command.levelId)) return [];
  const level = agreement.levels.find((candidate) => candidate.levelId === command.levelId);
  // a timer set for an older deadline: the level is due later now
  if (!level || Date.parse(level.dueAt) > Date.parse(command.now)) return [];
  const type = level.offsetMinutes < 0 ? 'sla.warning' : level.offsetMinutes === 0 ? 'sla.breached' : 'sla.escalated';
  const data = {
    ...refOf(state.ticketId!, agreement),
    entityId: state.entityId!,
    name: agreement.name,
    deadline: agreement.deadline,
    levelId: level.levelId,
    levelName: level.name,
    offsetMinutes: level.offsetMinutes,
    dueAt: level.dueAt,
    actions: command.actions,
  };
  return [{ type, data } as TicketSlaEvent];
}

function decide(command: TicketSlaCommand, state: TicketSlaState): TicketSlaEvent[] | DomainError {
  switch (command.type) {
    case 'observe-ticket':
      if (command.ticketSequence <= state.ticketSequence) return [];
      return runSteps(
        state,
        command.milestones.map((milestone) => stepsFor(command, milestone)),
      );
    case 'set-agreement':
      return setAgreement(command, state);
    case 'reach-level':
      return reachLevel(command, state);
  }
}

export const ticketSlaDecider: Decider<TicketSlaCommand, TicketSlaEvent, TicketSlaState> = {
  initialState: initialTicketSlaState,
  evolve: evolveTicketSla,
  decide,
  stateVersion: 1,
};

export const ticketSlaStreamId = (ticketId: string): string => `ticket-sla-${ticketId}`;
