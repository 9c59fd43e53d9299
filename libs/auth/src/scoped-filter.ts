import type { Filter } from 'mongodb';
import type { Caller } from '@itsm/domain';

/**
 * A read-model query limited to the caller's entities: every list goes through this, so none can
 * forget the scope. `$in` also matches array fields holding any of the ids.
 */
export function scopedFilter<T>(caller: Pick<Caller, 'scope'>, filter: Filter<T> = {}, field = 'entityId'): Filter<T> {
  const inScope = { [field]: { $in: [...caller.scope] } } as Filter<T>;
  return Object.keys(filter).length === 0 ? inScope : ({ $and: [filter, inScope] } as Filter<T>);
}
