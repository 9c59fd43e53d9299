/** The envelope fields an index feed reads of each event. */
export interface StreamEvent {
  type: string;
  streamId: string;
  sequence: number;
}

/**
 * What a per-replica index feed keeps up to date: loaded whole from its read model, then told of
 * every event of the topic (and of the writer's own, inline). `readModel` names the projection or
 * reactor whose consumer group's commits tell where the feed starts reading.
 */
export interface FedIndex {
  readonly readModel: string;
  readonly ready: boolean;
  loadAll(stopped: () => boolean): Promise<number>;
  /** `firstWaitMs`: a pause before reading anything the events' own writer brings anyway */
  refresh(events: StreamEvent[], firstWaitMs: number): Promise<void>;
  markReady(): void;
  /** Reads again the rows still behind their events (see LaggingRows), for an index that may have some. */
  retryLagging?(): Promise<number>;
  /** How far behind the index is, for one that may be (exported as metrics). */
  lag?(): IndexLag;
  markStale(): void;
  confirmFresh(forMs: number): void;
  /** What a feed with snapshots needs of each of its indexes (see IndexSnapshots). */
  snapshot?: SnapshotCapable;
}

/** An index that may be saved as a packed snapshot and loaded back from one. */
export interface SnapshotCapable {
  /** the items' shape: a snapshot of another shape (older code) is not loaded */
  readonly format: string;
  /**
   * What the index holds now, as JSON-able items. Called at the instant the feed's positions are
   * read: whatever the items show of a later state is harmless (the events from the positions on
   * are applied again, and applying one twice changes nothing).
   */
  items(): Iterable<unknown>;
  /** Holds what a snapshot's items say, in place of loadAll; returns how many items. Throws on an item it cannot read. */
  load(chunks: AsyncIterable<unknown[]>, stopped: () => boolean): Promise<number>;
}

/** The rows of an index whose documents did not show their events yet. */
export interface IndexLag {
  rows: number;
  /** how long the oldest of them has been behind */
  oldestMs: number;
  /** documents still absent long after their event, let go (their stream may have ended) */
  givenUp: number;
}
