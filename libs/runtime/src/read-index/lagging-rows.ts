/** the first pause before reading a lagging row's document again, doubled at each miss up to the last */
const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 30_000;
/**
 * A document that is still absent this long after its event (and was never in the index) is let
 * go: its stream may have ended (created and purged before anyone read it). A document that is
 * there but behind is never let go: its projection will move it on.
 */
export const ABSENT_GIVE_UP_MS = 10 * 60_000;

interface Lagging {
  /** the sequence the row must reach */
  sequence: number;
  /** when the row was first found behind */
  since: number;
  nextAt: number;
  pause: number;
}

/** What a look at a lagging row's document found. */
export type LookOutcome = 'reached' | 'behind' | 'absent';

/**
 * The rows whose documents did not show their events after the feed's few quick reads (their
 * projection runs in another process, or its writer's inline apply failed and its consumer is
 * behind): read again, less and less often, until they do. Without this, a row the feed read too
 * early would wait for its stream's next event, forever for an asset created once.
 */
export class LaggingRows {
  private readonly rows = new Map<string, Lagging>();

  get size(): number {
    return this.rows.size;
  }

  /** How long the oldest lagging row has been behind, in ms (0 when none is). */
  oldestAgeMs(now: number): number {
    let oldest = now;
    for (const { since } of this.rows.values()) oldest = Math.min(oldest, since);
    return now - oldest;
  }

  /** The row is behind `sequence`: read it again later (the highest sequence asked is kept). */
  add(key: string, sequence: number, now: number): void {
    const known = this.rows.get(key);
    if (known) known.sequence = Math.max(known.sequence, sequence);
    else this.rows.set(key, { sequence, since: now, nextAt: now + FIRST_RETRY_MS, pause: FIRST_RETRY_MS });
  }

  /** The rows due for another read, with the sequence each must reach. */
  due(now: number): Array<[string, number]> {
    return [...this.rows].filter(([, row]) => row.nextAt <= now).map(([key, row]) => [key, row.sequence]);
  }

  /**
   * What the read found: a row that reached its sequence leaves; one still behind is read again
   * after a longer pause. Returns true when an absent document is given up (see ABSENT_GIVE_UP_MS).
   */
  looked(key: string, outcome: LookOutcome, now: number): boolean {
    const row = this.rows.get(key);
    if (!row) return false;
    const givenUp = outcome === 'absent' && now - row.since >= ABSENT_GIVE_UP_MS;
    if (outcome === 'reached' || givenUp) {
      this.rows.delete(key);
      return givenUp;
    }
    row.pause = Math.min(row.pause * 2, LAST_RETRY_MS);
    row.nextAt = now + row.pause;
    return false;
  }

  clear(): void {
    this.rows.clear();
  }
}
