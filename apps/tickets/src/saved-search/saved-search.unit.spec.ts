import type { Caller } from '@itsm/domain';
import { mayRemove, visibleSearchesFilter } from './saved-search';

const tech: Caller = {
  userId: 'u-tech',
  login: 'tech',
  displayName: 'tech',
  profileId: 'technician',
  rights: new Set(['ticket.read-all']),
  entityId: 'A',
  recursive: true,
  sessionId: 's',
  scope: ['A', 'A1'],
};

describe('saved searches', () => {
  it("are one's own, those shared where one works, and those shared recursively from above", () => {
    expect(visibleSearchesFilter(tech, ['root'])).toEqual({
      $or: [
        { ownerId: 'u-tech' },
        { shared: true, entityId: { $in: ['A', 'A1'] } },
        { shared: true, recursive: true, entityId: { $in: ['root'] } },
      ],
    });
  });

  it('are removed by their owner only', () => {
    expect(mayRemove(tech, { ownerId: 'u-tech' })).toBe(true);
    expect(mayRemove(tech, { ownerId: 'u-other' })).toBe(false);
  });
});
