import { ticketListSearch } from './ticket-list-search';

describe('the ticket list criteria in the address', () => {
  it('keeps the known criteria with their types and starts on "Non résolu"', () => {
    expect(ticketListSearch({ priority: '4', slaBreached: 'ttr', sort: 'priority', order: 'desc', page: '2' })).toEqual(
      {
        status: 'notold',
        categoryId: undefined,
        priority: 4,
        requesterId: undefined,
        assigneeUserId: undefined,
        entityId: undefined,
        slaBreached: 'ttr',
        sort: 'priority',
        order: 'desc',
        page: 2,
      },
    );
  });

  it('drops what the list does not take', () => {
    const search = ticketListSearch({
      status: 'notclosed',
      sort: 'password',
      order: 'sideways',
      page: '-1',
      priority: 'x',
    });
    expect(search).toMatchObject({
      status: 'notclosed',
      sort: undefined,
      order: undefined,
      page: undefined,
      priority: undefined,
    });
  });
});
