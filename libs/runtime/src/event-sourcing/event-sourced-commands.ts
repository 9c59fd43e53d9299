import { type Decider } from '@itsm/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  handleCommand,
  KeyedQueue,
  loadAggregate,
  type CommandHandlingOptions,
  type LoadedAggregate,
  type MongoEventStore,
} from '@itsm/eventsourcing';
import type { DomainEvent, EventMetadata } from '@itsm/contracts';
import { recordWrite, stampedByCommand } from '../commands/command-scope';
import { ProjectionRegistry } from './projection-registry';
import { EVENT_STORE } from './tokens';

export interface CommandOutcome<State> {
  state: State;
  version: number;
}

/** Runs a command through the one kernel path, updates the local read models, throws its domain errors. */
@Injectable()
export class EventSourcedCommands {
  private readonly logger = new Logger(EventSourcedCommands.name);
  private indexes?: Promise<void>;
  /** one stream's commands run one at a time in this process */
  private readonly queues = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: MongoEventStore,
    private readonly projections: ProjectionRegistry,
  ) {}

  /**
   * Commands on one stream wait for each other within a replica (no conflict to retry there);
   * between replicas the version check and the kernel's retries with backoff decide.
   */
  execute<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    metadata: EventMetadata,
    options: Pick<CommandHandlingOptions, 'newStream'> = {},
  ): Promise<CommandOutcome<State>> {
    return this.queues.run(streamId, () => this.run(decider, streamId, command, metadata, options));
  }

  /** The aggregate as it stands, for a decision that needs more data before its command. */
  load<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
  ): Promise<LoadedAggregate<State>> {
    return loadAggregate(this.store, decider as Decider<unknown, Event, State>, streamId);
  }

  private async run<Command, Event extends DomainEvent, State>(
    decider: Decider<Command, Event, State>,
    streamId: string,
    command: Command,
    metadata: EventMetadata,
    options: Pick<CommandHandlingOptions, 'newStream'>,
  ): Promise<CommandOutcome<State>> {
    await this.indexesReady();
    const stamped = stampedByCommand(metadata);
    const result = await handleCommand(this.store, decider, streamId, command, stamped, options);
    if (!result.ok) throw result.error;
    recordWrite({ streamId, version: result.version });
    // the events are stored: a failed inline apply is caught up by the Kafka consumer
    await this.projections.applyInline(result.events).catch((error: Error) => {
      this.logger.warn(`inline projection of ${streamId} failed, the consumer will catch up: ${error.message}`);
    });
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
