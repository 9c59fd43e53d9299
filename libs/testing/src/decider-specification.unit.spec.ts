import { deciderSpecification } from './decider-specification';

type StatusChanged = { type: 'ticket.status-changed'; data: Record<string, unknown> };

// Emits the status change its command carries, whatever it holds: the helper must judge it.
const echoDecider = {
  initialState: () => null,
  evolve: () => null,
  decide: (command: StatusChanged) => [command],
};
const spec = deciderSpecification(echoDecider);
const valid: StatusChanged = {
  type: 'ticket.status-changed',
  data: { ticketId: 't-1', from: 'new', to: 'assigned', reason: 'assigned' },
};
const invalid: StatusChanged = { type: 'ticket.status-changed', data: { ...valid.data, to: 'reopened' } };

describe('a decider specification checks events against their published schemas', () => {
  it('passes when the emitted events are the expected ones and fit their schema', () => {
    spec.given([valid]).when(valid).then([valid]);
  });

  it('fails on an emitted event outside its schema, even when the test expected it', () => {
    expect(() => spec.given([]).when(invalid).then([invalid])).toThrow(
      /emitted event 0 \(ticket\.status-changed@v1\):\n\s+data\/to must be equal to one of the allowed values/,
    );
  });

  it('fails on a given event outside its schema', () => {
    expect(() => spec.given([invalid]).when(valid).then([valid])).toThrow(
      /given event 0 \(ticket\.status-changed@v1\)/,
    );
  });
});
