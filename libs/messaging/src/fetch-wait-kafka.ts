import { Kafka, type Consumer, type ConsumerConfig, type KafkaConfig } from 'kafkajs';

/**
 * kafkajs's client whose consumers' idle fetches last `fetchMaxWaitMs` unless one says otherwise.
 * A consumer's stop waits for its fetch under way: short waits let a process stop in a moment
 * (tests); messages are delivered as they come either way.
 */
export class FetchWaitKafka extends Kafka {
  constructor(
    config: KafkaConfig,
    private readonly fetchMaxWaitMs: number,
  ) {
    super(config);
  }

  override consumer(config: ConsumerConfig): Consumer {
    return super.consumer({ maxWaitTimeInMs: this.fetchMaxWaitMs, ...config });
  }
}
