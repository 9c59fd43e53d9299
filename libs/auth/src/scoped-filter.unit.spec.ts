import { scopedFilter } from './scoped-filter';

const caller = { scope: ['europe', 'france'] };

describe('scoped filter', () => {
  it('is the scope alone when there is no other condition', () => {
    expect(scopedFilter(caller)).toEqual({ entityId: { $in: ['europe', 'france'] } });
    expect(scopedFilter(caller, {})).toEqual({ entityId: { $in: ['europe', 'france'] } });
  });

  it('adds the scope to a filter, which cannot widen it', () => {
    const filter = { status: 'new', $or: [{ entityId: 'america' }, { priority: 5 }] };
    expect(scopedFilter(caller, filter)).toEqual({
      $and: [filter, { entityId: { $in: ['europe', 'france'] } }],
    });
  });

  it('scopes another field, e.g. an array of entity ids', () => {
    expect(scopedFilter(caller, { name: 'printer' }, 'visibleIn')).toEqual({
      $and: [{ name: 'printer' }, { visibleIn: { $in: ['europe', 'france'] } }],
    });
  });

  it('matches nothing for an empty scope', () => {
    expect(scopedFilter({ scope: [] })).toEqual({ entityId: { $in: [] } });
  });
});
