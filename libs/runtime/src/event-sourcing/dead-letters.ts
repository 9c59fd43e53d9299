import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { DomainError, failureKind, isDomainError } from '@itsm/domain';
import type { EventConsumerOptions, MessageConsumer } from '@itsm/messaging';
import type { Connection } from 'mongoose';
import { MONGO_CONNECTION } from '../connections/tokens';
import { Metrics } from '../observability/metrics';
import { consumerReports, countedBy } from './consumer-reports';
import { ParkedStreamsStore, type DeadLetterReport } from './parked-streams.store';

/** What a consumer of the service needs to report and park its dead letters. */
export type DeadLetterOptions = Pick<EventConsumerOptions, 'onDeadLetter' | 'onRetry' | 'onRestart' | 'parking'>;

/**
 * The service's dead letters, for its consumers and its operators: each consumer registered here
 * logs its dead letters at error level and parks their streams in the service's database; an
 * operator reads the counts and the parked streams, and replays a stream through its consumer.
 */
@Injectable()
export class DeadLetters {
  private readonly logger = new Logger('DeadLetters');
  private readonly store: ParkedStreamsStore;
  private readonly consumers = new Map<string, Pick<MessageConsumer<unknown>, 'replay'>>();

  constructor(
    @Inject(MONGO_CONNECTION) connection: Connection,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.store = new ParkedStreamsStore(connection);
  }

  optionsFor(groupId: string, logger: Logger = this.logger): DeadLetterOptions {
    return { ...consumerReports(logger, groupId, countedBy(this.metrics, groupId)), parking: this.store };
  }

  /** The consumer a replay of `groupId` goes through; the last registered wins (a restarted feed). */
  register(groupId: string, consumer: Pick<MessageConsumer<unknown>, 'replay'>): void {
    this.consumers.set(groupId, consumer);
  }

  report(): Promise<DeadLetterReport> {
    return this.store.report();
  }

  async replay(group: string, key: string, skipDeadLetter: boolean): Promise<{ delivered: number }> {
    const consumer = this.consumers.get(group);
    if (!consumer)
      throw new DomainError('not_found', `no consumer group ${group} in this service`, { details: { group } });
    try {
      const outcome = await consumer.replay(key, skipDeadLetter);
      this.logger.log(`${group}: stream ${key} replayed (${outcome.delivered} messages)`);
      return outcome;
    } catch (error) {
      if (isDomainError(error) && ['not_found', 'conflict', 'unavailable'].includes(error.code)) throw error;
      if (failureKind(error) === 'transient') {
        throw new DomainError('unavailable', `the replay waits for a dependency: ${messageOf(error)}`);
      }
      // the stream stays parked where the replay stopped: the operator sees why
      throw new DomainError('conflict', `the stream stays parked: ${messageOf(error)}`, { details: { group, key } });
    }
  }
}

const messageOf = (error: unknown): string =>
  isDomainError(error) ? `${error.code}: ${error.message}` : ((error as Error)?.message ?? String(error));
