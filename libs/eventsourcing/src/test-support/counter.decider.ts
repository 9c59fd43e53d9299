import { DomainError, type Decider } from '@itsm/domain';

// A deliberately small aggregate that the kernel's own tests drive; services bring real ones.
export type CounterEvent =
  | { type: 'counter.incremented'; data: { by: number } }
  | { type: 'counter.closed'; data: Record<string, never> };
export type CounterCommand = { type: 'increment'; by: number } | { type: 'close' };
export interface CounterState {
  total: number;
  closed: boolean;
}

export const counterDecider: Decider<CounterCommand, CounterEvent, CounterState> = {
  stateVersion: 1,
  initialState: () => ({ total: 0, closed: false }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'counter.incremented':
        return { ...state, total: state.total + event.data.by };
      case 'counter.closed':
        return { ...state, closed: true };
    }
  },
  decide: (command, state) => {
    if (state.closed) return new DomainError('illegal_transition', 'the counter is closed');
    switch (command.type) {
      case 'increment':
        if (!Number.isInteger(command.by) || command.by <= 0)
          return new DomainError('invalid', 'by must be a positive integer');
        return [{ type: 'counter.incremented', data: { by: command.by } }];
      case 'close':
        return [{ type: 'counter.closed', data: {} }];
    }
  },
};
