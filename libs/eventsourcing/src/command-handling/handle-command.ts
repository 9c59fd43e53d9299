import type { DomainEvent, EventEnvelope, EventMetadata } from '@itsm/contracts';
import { Decider, DomainError, fold, isDomainError } from '@itsm/domain';
import type { MongoEventStore } from '../event-store/event-store';
import type { RequestKey, StoredCommit } from '../event-store/stored-commit';
import { RequestReplayedError, requestKeyReused, VersionConflictError } from '../event-store/version-conflict.error';
import type { RecentAggregates } from './recent-aggregates';

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
  /** states this process left streams in: a load reads only the events appended since */
  recent?: RecentAggregates;
  /**
   * The request this write answers, when it may come again (an Idempotency-Key): written once; a
   * retry, even a concurrent one, is answered with the stream as it stands, deciding nothing.
   */
  request?: RequestKey;
}

/**
 * What a request asks of the aggregate once its state is known: commands decided in turn (each on
 * the state the previous one leaves) and appended as one commit, and their metadata. Checks made
 * on the state (visibility, say) throw their DomainError.
 */
export interface StateRequest<Command> {
  commands: Command[];
  metadata: EventMetadata;
}

export type RequestOnState<Command, State> = (state: State) => StateRequest<Command> | Promise<StateRequest<Command>>;

/** The commit a request wrote (now, or at an earlier attempt): what its answer is rebuilt from. */
export interface CommittedWrite {
  /** the stream's version right after the commit */
  version: number;
  occurredAt: string;
}

export type CommandResult<State> =
  | { ok: true; state: State; version: number; events: EventEnvelope[]; replayed?: true; committed?: CommittedWrite }
  | { ok: false; error: DomainError };

/**
 * The state this process left the stream in plus the events appended since, when it has one;
 * else the latest snapshot (when its state version matches) plus the events after it.
 */
export async function loadAggregate<Event extends DomainEvent, State>(
  store: MongoEventStore,
  decider: Decider<unknown, Event, State>,
  streamId: string,
  recent?: RecentAggregates,
): Promise<LoadedAggregate<State>> {
  const known = recent?.get<State>(streamId);
  if (known) {
    const since = (await store.readStreamAfter(streamId, known.version)) as unknown as Event[];
    const last = (since as unknown as EventEnvelope[]).at(-1);
    return { state: fold(decider, known.state, since), version: last?.sequence ?? known.version };
  }
  const snapshot = await store.loadSnapshot<State>(streamId, decider.stateVersion);
  const events = (await store.readStream(streamId, (snapshot?.sequence ?? 0) + 1)) as unknown as Event[];
  const start = snapshot ? snapshot.state : decider.initialState();
  const last = (events as unknown as EventEnvelope[]).at(-1);
  return { state: fold(decider, start, events), version: last?.sequence ?? snapshot?.sequence ?? 0 };
}

/** The one command path of every service: load, decide, append; on conflict, again from a fresh load. */
export function handleCommand<Command, Event extends DomainEvent, State>(
  store: MongoEventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  command: Command,
  metadata: EventMetadata,
  options: CommandHandlingOptions = {},
): Promise<CommandResult<State>> {
  return handleRequest(store, decider, streamId, () => ({ commands: [command], metadata }), options);
}

/** The same path for a request that needs the state to say what it asks (see StateRequest). */
export async function handleRequest<Command, Event extends DomainEvent, State>(
  store: MongoEventStore,
  decider: Decider<Command, Event, State>,
  streamId: string,
  requestOn: RequestOnState<Command, State>,
  options: CommandHandlingOptions = {},
): Promise<CommandResult<State>> {
  const maxAttempts = options.maxAttempts ?? 10;
  // a retry is found before deciding: the state has moved on since (the stream exists, say)
  const first = options.request && !options.request.likelyNew && (await store.requestCommit(options.request.key));
  if (first) return replayOf(store, decider, streamId, first, options);
  // a request thought new is looked up when refused: a retry's moved-on state may refuse it
  const replayedOr = async (refusal: DomainError): Promise<CommandResult<State>> => {
    const written = options.request?.likelyNew && (await store.requestCommit(options.request.key));
    return written ? replayOf(store, decider, streamId, written, options) : { ok: false, error: refusal };
  };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    // the state this process left the stream in is trusted at first: the append's version check
    // refuses it if another replica wrote since, and a refusal is only answered on the store's state
    const remembered = attempt === 1 ? options.recent?.get<State>(streamId) : undefined;
    const { state, version } =
      attempt === 1 && options.newStream
        ? { state: decider.initialState(), version: 0 }
        : (remembered ??
          (await loadAggregate(store, decider as Decider<unknown, Event, State>, streamId, options.recent)));
    const asked = await ask(requestOn, state, remembered !== undefined || options.request?.likelyNew === true);
    if (isDomainError(asked)) {
      if (remembered) continue; // refused on a remembered state: asked again on the store's
      const replayed = await replayedOr(asked);
      if (replayed.ok) return replayed;
      throw asked;
    }
    const decision = decideInTurn(decider, asked.commands, state);
    if (isDomainError(decision)) {
      if (remembered) continue;
      return replayedOr(decision);
    }
    // nothing to append means no version check: "already so" is only answered on the store's state
    if (remembered && decision.length === 0) continue;
    const { metadata } = asked;
    try {
      const events = await store.append(streamId, version, decision, metadata, options.request);
      const newState = fold(decider, state, events as unknown as Event[]);
      const newVersion = version + events.length;
      options.recent?.remember(streamId, { state: newState, version: newVersion });
      // best effort: the command succeeded, a snapshot that fails is taken at a later crossing
      await maybeSnapshot(store, decider, streamId, version, newVersion, newState, options.snapshotEvery).catch(
        () => undefined,
      );
      const committed = events.length > 0 ? { version: newVersion, occurredAt: events[0].occurredAt } : undefined;
      return { ok: true, state: newState, version: newVersion, events, ...(committed && { committed }) };
    } catch (error) {
      if (error instanceof RequestReplayedError) return replayOf(store, decider, streamId, error.commit, options);
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

/** A request written before: answered with its stream as it stands, unless the retry asks something else. */
async function replayOf<Event extends DomainEvent, State>(
  store: MongoEventStore,
  decider: Decider<unknown, Event, State>,
  streamId: string,
  first: StoredCommit,
  options: CommandHandlingOptions,
): Promise<CommandResult<State>> {
  if (first.streamId !== streamId || first.requestFingerprint !== options.request?.fingerprint) {
    return { ok: false, error: requestKeyReused() };
  }
  const { state, version } = await loadAggregate(store, decider, streamId, options.recent);
  const committed = { version: first.lastSequence, occurredAt: first.events[0].occurredAt };
  return { ok: true, state, version, events: [], replayed: true, committed };
}

/**
 * What the request asks of this state; a refusal it throws on a remembered state is checked on the
 * store's, one of a request thought new against its key (`checked`).
 */
async function ask<Command, State>(
  requestOn: RequestOnState<Command, State>,
  state: State,
  checked: boolean,
): Promise<StateRequest<Command> | DomainError> {
  try {
    return await requestOn(state);
  } catch (error) {
    if (checked && isDomainError(error)) return error;
    throw error;
  }
}

/** Each command decided on the state the events of the previous ones lead to; the first refusal wins. */
function decideInTurn<Command, Event extends DomainEvent, State>(
  decider: Decider<Command, Event, State>,
  commands: Command[],
  state: State,
): Event[] | DomainError {
  const events: Event[] = [];
  let current = state;
  for (const command of commands) {
    const decision = decider.decide(command, current);
    if (isDomainError(decision)) return decision;
    events.push(...decision);
    current = fold(decider, current, decision);
  }
  return events;
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
