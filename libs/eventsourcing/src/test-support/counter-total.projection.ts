import { defineProjection } from '../projections/define-projection';
import type { CounterEvent } from './counter.decider';

/** A read model of the counter: its total, and how many increments it saw. */
export interface CounterTotal {
  total: number;
  increments: number;
}

export const counterTotalProjection = defineProjection<CounterTotal, CounterEvent>({
  name: 'counter_totals',
  handlers: {
    'counter.incremented': (current, { data: { by } }) => ({
      total: (current?.total ?? 0) + by,
      increments: (current?.increments ?? 0) + 1,
    }),
  },
});
