import { deciderSpecification } from '@itsm/testing';
import { counterDecider } from './counter.decider';

const spec = deciderSpecification(counterDecider);

describe('the given/when/then helper on a decider', () => {
  it('checks the events a command produces', () => {
    spec
      .given([{ type: 'counter.incremented', data: { by: 2 } }])
      .when({ type: 'increment', by: 3 })
      .then([{ type: 'counter.incremented', data: { by: 3 } }]);
  });

  it('checks the domain error a command produces', () => {
    spec
      .given([{ type: 'counter.closed', data: {} }])
      .when({ type: 'increment', by: 1 })
      .thenFails('illegal_transition', /closed/);
    spec.given([]).when({ type: 'increment', by: 0 }).thenFails('invalid');
  });

  it('fails loudly when the decider disagrees', () => {
    const when = spec.given([]).when({ type: 'close' });
    expect(() => when.thenFails('invalid')).toThrow('expected a invalid error');
    expect(() =>
      spec
        .given([{ type: 'counter.closed', data: {} }])
        .when({ type: 'close' })
        .then([]),
    ).toThrow('expected events, got illegal_transition');
  });
});
