import type { Projection } from '../projections/projection';

/** A read model of the counter: its total, and how many increments it saw. */
export interface CounterTotal {
  total: number;
  increments: number;
}

export const counterTotalProjection: Projection<CounterTotal> = {
  name: 'counter_totals',
  handles: new Set(['counter.incremented']),
  apply: (current, event) => {
    const { by } = event.data as { by: number };
    return { total: (current?.total ?? 0) + by, increments: (current?.increments ?? 0) + 1 };
  },
};
