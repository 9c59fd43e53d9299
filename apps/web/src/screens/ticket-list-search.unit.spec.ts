import { queryToSearch, searchToQuery, ticketListSearch } from './ticket-list-search';

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

  it('round-trips through a saved search without the page, dropping what the list does not know', () => {
    const search = ticketListSearch({ status: 'notclosed', categoryId: 'c1', priority: '5', page: '3' });
    const query = searchToQuery(search);
    expect(query).toBe('status=notclosed&categoryId=c1&priority=5');
    expect(queryToSearch(query)).toEqual({ ...search, page: undefined });
    expect(queryToSearch('status=all&evil=%3Cscript%3E&priority=x')).toMatchObject({
      status: 'all',
      priority: undefined,
    });
    expect(queryToSearch('status=all')).not.toHaveProperty('evil');
  });
});
