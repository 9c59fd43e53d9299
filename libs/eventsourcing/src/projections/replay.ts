/** Where a rebuild reads a read model's events from: its context's event store, or its topic. */
export interface Replay {
  /** Folds into the rebuilt collection what the source holds now; each call goes on from the last. */
  catchUp(): Promise<void>;
  close(): Promise<void>;
}
