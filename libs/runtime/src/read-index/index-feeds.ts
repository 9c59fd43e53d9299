/** How long a row may lag behind its event before readiness says a list may miss it. */
export const LAG_REPORTED_AFTER_MS = 60_000;

/** One feed's word on its indexes. */
export interface IndexFeedStatus {
  feed: string;
  /** whether its indexes answer the lists (else the read models do, slower) */
  ready: boolean;
  laggingRows: number;
  oldestLagMs: number;
}

/**
 * The service's in-memory index feeds, as the readiness check reports them: never `down` (the
 * read models answer in their stead), `degraded` while an index does not answer or a row lags.
 */
export class IndexFeeds {
  private readonly feeds: Array<() => IndexFeedStatus> = [];

  register(status: () => IndexFeedStatus): void {
    this.feeds.push(status);
  }

  statuses(): IndexFeedStatus[] {
    return this.feeds.map((status) => status());
  }
}

/** What readiness says of the feeds: undefined when every index answers and keeps up. */
export function indexFeedsTrouble(statuses: IndexFeedStatus[]): string | undefined {
  const troubles = statuses.flatMap(({ feed, ready, laggingRows, oldestLagMs }) => {
    const said: string[] = [];
    if (!ready) said.push(`${feed}: the read models answer the lists (loading, or the feed stopped)`);
    if (oldestLagMs >= LAG_REPORTED_AFTER_MS) {
      said.push(`${feed}: ${laggingRows} rows behind their events for up to ${Math.round(oldestLagMs / 1000)} s`);
    }
    return said;
  });
  return troubles.length > 0 ? troubles.join('; ') : undefined;
}
