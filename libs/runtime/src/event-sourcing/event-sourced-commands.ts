import { type Decider } from '@itsm/domain';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { isDomainError } from '@itsm/domain';
import { inSpan } from '@itsm/messaging';
import {
  handleRequest,
  KeyedQueue,
  loadAggregate,
  RecentAggregates,
  type CommandHandlingOptions,
  type LoadedAggregate,
  type MongoEventStore,
  type RequestOnState,
} from '@itsm/eventsourcing';
import type { DomainEvent, EventMetadata } from '@itsm/contracts';
import { recordWrite, stampedByCommand } from '../commands/command-scope';
import { nextRequestKey } from '../idempotency/idempotent-request';
import { Metrics } from '../observability/metrics';
import { ProjectionRegistry } from './projection-registry';
import { EVENT_STORE } from './tokens';

/** How many commands' read models may be left to follow behind their answers (see ExecuteOptions). */
const MAX_APPLIES_BEHIND = 64;

export interface ExecuteOptions extends Pick<CommandHandlingOptions, 'newStream'> {
  /**
   * `behind`: the command answers once its events are stored (the commitment); its read models
   * are written right after in this process, the Kafka consumer catching up whatever that misses.
   * For writers that do not read their own writes back at once (agents' inventories). Past
   * MAX_APPLIES_BEHIND under way, a command waits for its own, so the read models never fall far.
   * Default `before-answer`: read-your-writes.
   */
  readModels?: 'before-answer' | 'behind';
}

export interface CommandOutcome<State> {
  /** the state the next command on the stream starts from (remembered as it is): read it, never change it */
  state: State;
  version: number;
}

/** Runs a command through the one kernel path, updates the local read models, throws its domain errors. */
@Injectable()
export class EventSourcedCommands implements BeforeApplicationShutdown {
  private readonly logger = new Logger(EventSourcedCommands.name);
  private indexes?: Promise<void>;
  /** one stream's commands run one at a time in this process */
  private readonly queues = new KeyedQueue();
  /** a stream this replica wrote lately loads with one read: the events since (no snapshot read) */
  private readonly recent = new RecentAggregates();
  /** inline applies of commands that answered without waiting for them */
  private readonly behind = new Set<Promise<void>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
    private readonly projections: ProjectionRegistry,
    private readonly metrics: Metrics,
  ) {}

  /** The read models left behind answers are written before the connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.behind);
  }

  /**
   * Commands on one stream wait for each other within a replica (no conflict to retry there);
   * between replicas the version check and the kernel's retries with backoff decide. Within a
   * request that came with an Idempotency-Key, a write done by an earlier attempt is not done
   * again: the outcome is the stream as it stands.
   */
  execute<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    metadata: EventMetadata,
    options: ExecuteOptions = {},
  ): Promise<CommandOutcome<State>> {
    return this.executeOnState(decider, streamId, () => ({ commands: [command], metadata }), options);
  }

  /**
   * The same for a request that says what it asks once it sees the state (checks on the state, the
   * entity for the metadata, several commands in one commit): the stream is read once for both.
   */
  executeOnState<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    requestOn: RequestOnState<Command, State>,
    options: ExecuteOptions = {},
  ): Promise<CommandOutcome<State>> {
    // taken now, in the order the use case asks: a retry of a keyed request numbers its writes alike
    const request = nextRequestKey();
    return this.queues.run(streamId, () => this.measured(decider, streamId, requestOn, { ...options, request }));
  }

  /** In a span of its own (its commit carries the trace on), counted by command type and outcome. */
  private measured<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    requestOn: RequestOnState<Command, State>,
    options: ExecuteOptions & Pick<CommandHandlingOptions, 'request'>,
  ): Promise<CommandOutcome<State>> {
    let command = 'unknown';
    const typed: RequestOnState<Command, State> = async (state) => {
      const request = await requestOn(state);
      command = commandTypeOf(request.commands);
      return request;
    };
    return inSpan('command', { attributes: { 'itsm.stream_id': streamId } }, async (span) => {
      try {
        const outcome = await this.run(decider, streamId, typed, options);
        this.metrics.commands.inc({ command, outcome: 'ok' });
        return outcome;
      } catch (error) {
        this.metrics.commands.inc({ command, outcome: isDomainError(error) ? error.code : 'error' });
        throw error;
      } finally {
        span.updateName(`command ${command}`);
        span.setAttribute('itsm.command', command);
      }
    });
  }

  /** The aggregate as it stands, for a decision that needs more data before its command. */
  load<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
  ): Promise<LoadedAggregate<State>> {
    return loadAggregate(this.store, decider as Decider<unknown, Event, State>, streamId, this.recent);
  }

  /**
   * The aggregate as it stood after `version` at least (a reactor's event): the state this process
   * left it in when that is as recent, without a read; else as it stands in the store.
   */
  async loadAtLeast<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    version: number,
  ): Promise<LoadedAggregate<State>> {
    const known = this.recent.get<State>(streamId);
    return known && known.version >= version ? known : this.load(decider, streamId);
  }

  private async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    requestOn: RequestOnState<Command, State>,
    { readModels, ...options }: ExecuteOptions & Pick<CommandHandlingOptions, 'request'>,
  ): Promise<CommandOutcome<State>> {
    await this.indexesReady();
    // events written for a Kafka command carry its correlation and the command id as their cause
    const stamped: RequestOnState<Command, State> = async (state) => {
      const request = await requestOn(state);
      return { ...request, metadata: stampedByCommand(request.metadata) };
    };
    const result = await handleRequest(this.store, decider, streamId, stamped, { ...options, recent: this.recent });
    if (!result.ok) throw result.error;
    const { version, replayed, committed } = result;
    recordWrite({ streamId, version, ...(replayed && { replayed }), ...(committed && { committed }) });
    // the events are stored: a failed inline apply is caught up by the Kafka consumer
    const applying = this.projections.applyInline(result.events).catch((error: Error) => {
      this.logger.warn(`inline projection of ${streamId} failed, the consumer will catch up: ${error.message}`);
    });
    if (readModels === 'behind' && this.behind.size < MAX_APPLIES_BEHIND) {
      this.behind.add(applying);
      void applying.finally(() => this.behind.delete(applying));
    } else await applying;
    return { state: result.state, version: result.version };
  }

  /** The unique (stream, sequence) index is what makes appends safe: none before it exists. */
  private indexesReady(): Promise<void> {
    this.indexes ??= Promise.all([
      this.store.createIndexes(),
      ...this.projections.all().map((store) => store.ensureIndexes()),
    ]).then(
      () => undefined,
      (error: Error) => {
        this.indexes = undefined; // Mongo was down: try again on the next command
        throw error;
      },
    );
    return this.indexes;
  }
}

/** The command types of a request, as one label value (`ticket.assign+ticket.add-followup`). */
function commandTypeOf(commands: unknown[]): string {
  const types = commands
    .map((command) => (command as { type?: unknown })?.type)
    .filter((type) => typeof type === 'string');
  return types.length > 0 ? [...new Set(types)].join('+') : 'unknown';
}
