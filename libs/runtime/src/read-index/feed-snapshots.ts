import type { Logger } from '@nestjs/common';
import type { Admin, SeekEntry } from 'kafkajs';
import type { FedIndex, SnapshotCapable } from './fed-index';
import type { IndexSnapshots, SnapshotHeader } from './index-snapshots';

/** How a feed's indexes were loaded: the positions it reads from, how many items each, and from where. */
export interface SnapshotStart {
  starts: SeekEntry[];
  loaded: number[];
  from: string;
}

/** Where a snapshot may be taken: the feed's topic and handled positions (undefined: not now). */
export type SnapshotPoint = () => { topic: string; positions: SeekEntry[] } | undefined;

/** Whether the topic still holds every event from these positions on (retention, a recreated topic). */
export function topicHolds(positions: SeekEntry[], bounds: Array<{ partition: number; low: string; high: string }>) {
  if (bounds.length !== positions.length) return false;
  return bounds.every(({ partition, low, high }) => {
    const position = positions.find((entry) => entry.partition === partition);
    return position !== undefined && Number(position.offset) >= Number(low) && Number(position.offset) <= Number(high);
  });
}

/**
 * A feed's packed snapshots (IndexSnapshots): the start from the last one, and writing one now and
 * then while ready (and at a clean stop). A missing, stale (its events no longer all in the topic),
 * foreign (another format) or unreadable snapshot is passed over: the feed loads the read models.
 */
export class FeedSnapshots {
  private timer?: NodeJS.Timeout;
  private writing?: Promise<void>;
  /** whether the feed's last start came from a snapshot (a metric says so) */
  fromSnapshot = false;

  constructor(
    private readonly store: IndexSnapshots,
    private readonly feed: string,
    private readonly indexes: FedIndex[],
    private readonly logger: Logger,
  ) {}

  private get capable(): SnapshotCapable[] | undefined {
    const capable = this.indexes.flatMap((index) => (index.snapshot ? [index.snapshot] : []));
    return capable.length === this.indexes.length ? capable : undefined;
  }

  /** The indexes from the last snapshot, with its positions; undefined when it cannot serve. */
  async start(admin: Admin, topic: string, stopped: () => boolean): Promise<SnapshotStart | undefined> {
    this.fromSnapshot = false;
    if (!this.capable) return undefined;
    try {
      const formats = new Map(this.indexes.map((index) => [index.readModel, index.snapshot!.format]));
      const stored = await this.store.read(this.feed, topic, formats);
      if (!stored) return undefined;
      const { positions, at } = stored.header;
      if (!topicHolds(positions, await admin.fetchTopicOffsets(topic))) {
        this.logger.log(`snapshot of ${at.toISOString()} passed over: the topic no longer holds its events`);
        return undefined;
      }
      const loaded = await Promise.all(
        this.indexes.map((index) => index.snapshot!.load(stored.chunks(index.readModel), stopped)),
      );
      this.fromSnapshot = !stopped();
      return { starts: positions, loaded, from: `the snapshot of ${at.toISOString()}` };
    } catch (error) {
      this.logger.warn(`snapshot passed over, loading the read models: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** A snapshot every `periodMs` while the feed allows (ready, no row behind), unless another replica wrote one lately. */
  writeEvery(periodMs: number, point: SnapshotPoint): void {
    this.timer = setInterval(() => {
      if (!this.writing) this.writing = this.write(point, periodMs).finally(() => (this.writing = undefined));
    }, periodMs);
    this.timer.unref();
  }

  /** Stops the periodic writes and writes a last snapshot (unless nothing changed since the stored one). */
  async stop(point: SnapshotPoint): Promise<void> {
    clearInterval(this.timer);
    await this.writing;
    await this.write(point, 0);
  }

  private async write(point: SnapshotPoint, periodMs: number): Promise<void> {
    const capable = this.capable;
    if (!capable) return;
    try {
      const stored = await this.store.header(this.feed);
      if (stored && Date.now() - stored.at.getTime() < periodMs * 0.9) return; // another replica's is fresh
      // the positions and the items at one instant (no await between): see SnapshotCapable.items
      const now = point();
      if (!now || (stored && samePoint(stored, now))) return;
      const parts = this.indexes.map(({ readModel }, i) => ({
        readModel,
        format: capable[i].format,
        items: capable[i].items(),
      }));
      const started = Date.now();
      const bytes = await this.store.write(this.feed, now.topic, now.positions, parts);
      this.logger.log(`snapshot written: ${Math.round(bytes / 1024)} KB in ${Date.now() - started} ms`);
    } catch (error) {
      this.logger.warn(`snapshot not written: ${(error as Error).message}`);
    }
  }
}

function samePoint(stored: SnapshotHeader, now: { topic: string; positions: SeekEntry[] }): boolean {
  return (
    stored.topic === now.topic &&
    stored.positions.length === now.positions.length &&
    now.positions.every(({ partition, offset }) =>
      stored.positions.some((entry) => entry.partition === partition && entry.offset === offset),
    )
  );
}
