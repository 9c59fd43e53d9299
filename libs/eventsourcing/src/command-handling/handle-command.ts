import type { DomainEvent, EventEnvelope, EventMetadata } from '@itsm/contracts';
import { Decider, DomainError, fold, isDomainError } from '@itsm/domain';
import type { MongoEventStore } from '../event-store/event-store';
import { VersionConflictError } from '../event-store/version-conflict.error';

export interface LoadedAggregate<State> {
  state: State;
  /** sequence of the stream's last event, 0 for a stream that does not exist yet */
  version: number;
}

export interface CommandHandlingOptions {
  /** loads and decides again after a version conflict this many times, then answers a conflict */
  maxAttempts?: number;
  /** first pause after a conflict, doubled at each attempt, with jitter so writers spread out */
  backoffMs?: number;
  /** saves a snapshot each time the stream crosses a multiple of this many events */
  snapshotEvery?: number;
  /**
   * The caller has just made the stream id up (a fresh UUID): the first attempt decides on the
   * initial state without reading the store. Should the stream exist after all, the append
   * conflicts and the next attempt loads it like any other.
   */
  newStream?: boolean;
}

export type CommandResult<State> =
  | { ok: true; state: State; version: number; events: EventEnvelope[] }
  | { ok: false; error: DomainError };

/** Latest snapshot (when its state version matches) plus the events after it. */
export async function loadAggregate<Event extends DomainEvent, State>(
  store: MongoEventStore,
  decider: Decider<unknown, Event, State>,
  streamId: string,
): Promise<LoadedAggregate<State>> {
  const snapshot = await store.loadSnapshot<State>(streamId, decider.stateVersion);
  const events = (await store.readStream(streamId, (snapshot?.sequence ?? 0) + 1)) as unknown as Event[];
  const start = snapshot ? snapshot.state : decider.initialState();
  const last = (events as unknown as EventEnvelope[]).at(-1);
  return { state: fold(decider, start, events), version: last?.sequence ?? snapshot?.sequence ?? 0 };
}

/** The one command path of every service: load, decide, append; on conflict, again from a fresh load. */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: MongoEventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: EventMetadata,
  options: CommandHandlingOptions = {},
): Promise<CommandResult<State>> {
  const maxAttempts = options.maxAttempts ?? 10;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const { state, version } =
      attempt === 1 && options.newStream
        ? { state: decider.initialState(), version: 0 }
        : await loadAggregate(store, decider as Decider<unknown, Event, State>, streamId);
    const decision = decider.decide(command, state);
    if (isDomainError(decision)) return { ok: false, error: decision };
    try {
      const events = await store.append(streamId, version, decision, metadata);
      const newState = fold(decider, state, events as unknown as Event[]);
      const newVersion = version + events.length;
      await maybeSnapshot(store, decider, streamId, version, newVersion, newState, options.snapshotEvery);
      return { ok: true, state: newState, version: newVersion, events };
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      const ceiling = (options.backoffMs ?? 5) * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
    }
  }
  return {
    ok: false,
    error: new DomainError('conflict', `${streamId} kept changing under ${maxAttempts} attempts; try again`, {
      transient: true,
    }),
  };
}

async function maybeSnapshot<State>(
  store: MongoEventStore,
  decider: { stateVersion: number },
  streamId: string,
  before: number,
  after: number,
  state: State,
  every = 100,
): Promise<void> {
  if (Math.floor(before / every) !== Math.floor(after / every)) {
    await store.saveSnapshot(streamId, after, decider.stateVersion, state);
  }
}
