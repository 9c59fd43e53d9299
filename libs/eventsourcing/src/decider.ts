import type { DomainEvent } from '@itsm/contracts';

/** What went wrong, as a value; adapters map the code to HTTP (400, 403, 404, 409, 422). */
export type DomainErrorCode = 'invalid' | 'forbidden' | 'not_found' | 'conflict' | 'illegal_transition' | 'rule';

export class DomainError {
  constructor(
    readonly code: DomainErrorCode,
    readonly message: string,
  ) {}
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/**
 * An aggregate as plain functions (emmett-style): no framework, no I/O. `stateVersion` tags
 * snapshots: bump it whenever the state's shape changes and old snapshots are ignored.
 */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[] | DomainError;
  stateVersion: number;
}

export function fold<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'evolve'>,
  state: State,
  events: Event[],
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}
