import type { DomainEvent } from '@itsm/contracts';
import type { Decider, DomainError } from '@itsm/domain';

/**
 * A slice of an aggregate's behaviour kept in its own file: the commands it decides and the
 * events it folds. An aggregate fed by several concerns (an asset edited by people and by
 * inventories) is the sum of its parts, each added without touching the others.
 */
export interface DeciderPart<Command extends { type: string }, Event extends DomainEvent, State> {
  commandTypes: readonly Command['type'][];
  eventTypes: readonly Event['type'][];
  decide(command: Command, state: State): Event[] | DomainError;
  evolve(state: State, event: Event): State;
}

/** Any part of an aggregate over `State`, whatever its commands and events (method parameters are bivariant). */
interface SomePart<State> {
  commandTypes: readonly string[];
  eventTypes: readonly string[];
  decide(command: never, state: State): DomainEvent[] | DomainError;
  evolve(state: State, event: never): State;
}

type CommandOfPart<Part> = Extract<
  Part extends { decide(command: infer Command, state: never): unknown } ? Command : never,
  { type: string }
>;
type EventOfPart<Part> = Extract<
  Part extends { evolve(state: never, event: infer Event): unknown } ? Event : never,
  DomainEvent
>;

/** One decider from its parts: a command goes to the part that declares it; an event is folded by every part that does. */
export function deciderFromParts<State, const Parts extends readonly SomePart<State>[]>(options: {
  initialState: () => State;
  stateVersion: number;
  parts: Parts;
}): Decider<CommandOfPart<Parts[number]>, EventOfPart<Parts[number]>, State> {
  const deciding = new Map<string, SomePart<State>>();
  const evolving = new Map<string, SomePart<State>[]>();
  for (const part of options.parts) {
    for (const type of part.commandTypes) {
      if (deciding.has(type)) throw new Error(`two parts decide ${type}`);
      deciding.set(type, part);
    }
    for (const type of part.eventTypes) evolving.set(type, [...(evolving.get(type) ?? []), part]);
  }
  return {
    initialState: options.initialState,
    stateVersion: options.stateVersion,
    // the one place where a command or an event meets the part declaring its type
    decide: (command, state) => deciding.get(command.type)!.decide(command as never, state) as never,
    evolve: (state, event) =>
      (evolving.get(event.type) ?? []).reduce((next, part) => part.evolve(next, event as never), state),
  };
}
