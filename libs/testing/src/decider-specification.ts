import type { DomainEvent } from '@itsm/contracts';
import { fold, isDomainError, type Decider, type DomainErrorCode } from '@itsm/eventsourcing';

/**
 * Given/when/then for deciders:
 *   spec.given([opened]).when(assign).then([assigned])
 *   spec.given([closed]).when(assign).thenFails('illegal_transition', /closed/)
 */
export function deciderSpecification<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
) {
  return {
    given: (events: Event[]) => ({
      when: (command: Command) => {
        const decide = () => decider.decide(command, fold(decider, decider.initialState(), events));
        return {
          then(expected: Event[]) {
            const result = decide();
            if (isDomainError(result)) throw new Error(`expected events, got ${result.code}: ${result.message}`);
            expect(result).toEqual(expected);
          },
          thenFails(code: DomainErrorCode, message?: RegExp) {
            const result = decide();
            if (!isDomainError(result)) throw new Error(`expected a ${code} error, got ${JSON.stringify(result)}`);
            expect(result.code).toBe(code);
            if (message) expect(result.message).toMatch(message);
          },
        };
      },
    }),
  };
}
