import type { DomainEvent } from '@itsm/contracts';
import type { DomainError } from './domain-error';

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
  events: readonly Event[],
): State {
  return events.reduce((current, event) => decider.evolve(current, event), state);
}
