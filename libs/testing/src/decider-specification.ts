import { expectPublishable, type EmittedEvent } from './published-schema';

// Structural on purpose: @itsm/eventsourcing's own tests use this helper, so it cannot import it.
interface DeciderUnderTest<Command, Event, State> {
  initialState(): State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Event[] | { code: string; message: string };
}

/**
 * Given/when/then for deciders:
 *   spec.given([opened]).when(assign).then([assigned])
 *   spec.given([closed]).when(assign).thenFails('illegal_transition', /closed/)
 * Every event, given or emitted, must fit the latest published schema of its type: the store
 * upcasts what it reads, so a decider only ever sees and writes its types' latest versions.
 */
export function deciderSpecification<Command, Event extends EmittedEvent, State>(
  decider: DeciderUnderTest<Command, Event, State>,
) {
  return {
    given: (events: Event[]) => ({
      when: (command: Command) => {
        const decide = () => {
          expectPublishable(events, 'given');
          return decider.decide(command, events.reduce(decider.evolve, decider.initialState()));
        };
        return {
          then(expected: Event[]) {
            const result = decide();
            if (!Array.isArray(result)) throw new Error(`expected events, got ${result.code}: ${result.message}`);
            expect(result).toEqual(expected);
            expectPublishable(result, 'emitted');
          },
          thenFails(code: string, message?: RegExp) {
            const result = decide();
            if (Array.isArray(result)) throw new Error(`expected a ${code} error, got ${JSON.stringify(result)}`);
            expect(result.code).toBe(code);
            if (message) expect(result.message).toMatch(message);
          },
        };
      },
    }),
  };
}
