import type { AgreementKind, AgreementType, ScheduledLevel, TicketSlaEvent } from '@itsm/contracts';

/** One SLA or OLA of a ticket, as its events left it. */
export interface TrackedAgreement {
  slaId: string;
  name: string;
  agreement: AgreementType;
  kind: AgreementKind;
  calendarId: string | null;
  startedAt: string;
  deadline: string;
  levels: ScheduledLevel[];
  /** levels whose warning, breach or escalation was emitted */
  fired: string[];
  state: 'running' | 'paused' | 'met';
  /** when the clock stopped: a pause, or the solution of a TTR (a refusal resumes it) */
  stoppedAt: string | null;
  waitingSeconds: number;
  breached: boolean;
  metAt: string | null;
  late: boolean;
  /** set on the ticket by hand: rules never replace it */
  explicit: boolean;
}

export interface TicketSlaState {
  ticketId: string | null;
  entityId: string | null;
  /** the newest ticket event already acted upon: replays of older ones are no-ops */
  ticketSequence: number;
  agreements: TrackedAgreement[];
}

export const initialTicketSlaState = (): TicketSlaState => ({
  ticketId: null,
  entityId: null,
  ticketSequence: 0,
  agreements: [],
});

export const sameSlot = (a: { agreement: AgreementType; kind: AgreementKind }, b: typeof a): boolean =>
  a.agreement === b.agreement && a.kind === b.kind;

function updateAgreement(
  state: TicketSlaState,
  slaId: string,
  change: (agreement: TrackedAgreement) => TrackedAgreement,
): TicketSlaState {
  return {
    ...state,
    agreements: state.agreements.map((agreement) => (agreement.slaId === slaId ? change(agreement) : agreement)),
  };
}

const advanced = (state: TicketSlaState, sequence: number): TicketSlaState => ({
  ...state,
  ticketSequence: Math.max(state.ticketSequence, sequence),
});

export function evolveTicketSla(state: TicketSlaState, event: TicketSlaEvent): TicketSlaState {
  switch (event.type) {
    case 'sla.attached': {
      const { ticketId, entityId, ticketSequence, reason, ...data } = event.data;
      const tracked: TrackedAgreement = {
        slaId: data.slaId,
        name: data.name,
        agreement: data.agreement,
        kind: data.kind,
        calendarId: data.calendarId,
        startedAt: data.startedAt,
        deadline: data.deadline,
        levels: data.levels,
        fired: [],
        state: 'running',
        stoppedAt: null,
        waitingSeconds: 0,
        breached: false,
        metAt: null,
        late: false,
        explicit: reason === 'explicit',
      };
      const others = state.agreements.filter((agreement) => !sameSlot(agreement, tracked));
      return advanced({ ...state, ticketId, entityId, agreements: [...others, tracked] }, ticketSequence);
    }
    case 'sla.detached':
      return advanced(
        { ...state, agreements: state.agreements.filter((agreement) => agreement.slaId !== event.data.slaId) },
        event.data.ticketSequence,
      );
    case 'sla.deadline-changed': {
      const { slaId, deadline, levels, paused, changedAt, waitingSeconds, ticketSequence } = event.data;
      const next = updateAgreement(state, slaId, (agreement) => ({
        ...agreement,
        deadline,
        levels,
        waitingSeconds,
        state: paused ? 'paused' : 'running',
        stoppedAt: paused ? changedAt : null,
        metAt: null,
        late: false,
      }));
      return advanced(next, ticketSequence);
    }
    case 'sla.met': {
      const { slaId, metAt, late, ticketSequence } = event.data;
      const next = updateAgreement(state, slaId, (agreement) => ({
        ...agreement,
        state: 'met',
        metAt,
        late,
        // a paused clock stays stopped where the pause began
        stoppedAt: agreement.state === 'paused' ? agreement.stoppedAt : metAt,
      }));
      return advanced(next, ticketSequence);
    }
    case 'sla.warning':
    case 'sla.breached':
    case 'sla.escalated':
      return updateAgreement(state, event.data.slaId, (agreement) => ({
        ...agreement,
        fired: [...agreement.fired, event.data.levelId],
        breached: agreement.breached || event.type === 'sla.breached',
      }));
  }
}
