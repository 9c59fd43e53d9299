/** Where a rebuild reads a read model's events from: its context's event store, or its topic. */
export interface Replay {
  /** Folds into the rebuilt collection what the source holds now; each call goes on from the last. */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}

/** How far a rebuild's first pass has gone: commits (from the store) or messages (from a topic). */
export interface RebuildProgress {
  done: number;
  total: number;
}

export type ProgressListener = (progress: RebuildProgress) => void;
