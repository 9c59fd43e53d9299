import { IndexFeeds, indexFeedsTrouble, LAG_REPORTED_AFTER_MS } from './index-feeds';

describe('what readiness says of the in-memory index feeds', () => {
  const fine = { feed: 'asset-indexes', ready: true, laggingRows: 2, oldestLagMs: 900 };

  it('says nothing while every index answers and no row lags for long', () => {
    const feeds = new IndexFeeds();
    feeds.register(() => fine);
    expect(feeds.statuses()).toEqual([fine]);
    expect(indexFeedsTrouble(feeds.statuses())).toBeUndefined();
    expect(indexFeedsTrouble([])).toBeUndefined();
  });

  it('names the feed whose lists the read models answer, and the rows lagging for a minute', () => {
    expect(
      indexFeedsTrouble([
        { ...fine, feed: 'ticket-list-index', ready: false },
        { ...fine, laggingRows: 8, oldestLagMs: LAG_REPORTED_AFTER_MS + 400 },
      ]),
    ).toBe(
      'ticket-list-index: the read models answer the lists (loading, or the feed stopped); ' +
        'asset-indexes: 8 rows behind their events for up to 60 s',
    );
  });
});
