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
  markStale(): void;
  confirmFresh(forMs: number): void;
}
