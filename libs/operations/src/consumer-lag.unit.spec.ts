import { partitionLags } from './consumer-lag';

describe('consumer lag', () => {
  it('is the partition end less the group’s commit, or less the partition start before any commit', () => {
    const lags = partitionLags(
      'tickets.ticket_view',
      'itsm.tickets.events',
      [
        { partition: 0, offset: '40' },
        { partition: 1, offset: '-1' },
      ],
      [
        { partition: 0, high: '42', low: '0' },
        { partition: 1, high: '9', low: '4' },
        { partition: 2, high: '0', low: '0' },
      ],
    );
    expect(lags.map(({ partition, committed, end, lag }) => ({ partition, committed, end, lag }))).toEqual([
      { partition: 0, committed: 40, end: 42, lag: 2 },
      { partition: 1, committed: null, end: 9, lag: 5 },
      { partition: 2, committed: null, end: 0, lag: 0 },
    ]);
  });
});
