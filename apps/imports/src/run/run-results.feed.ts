import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { CommandResult } from '@itsm/contracts';
import { ensureTopics, MessageConsumer } from '@itsm/messaging';
import { consumerReports, KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { RESULT_CODES, refusalCodeOf } from './domain/result-codes';
import { LineResults, lineResultId, type LineResult } from './line-results';
import { resultsTopic } from './run-commands';
import { lineOfCorrelation } from './run-correlation';
import { ValueAnswers, valueAnswerOf, type ValueAnswer } from './value-answers';

/** A line's result from the owning service's answer to its command; null for an answer of no run. */
export function lineResultOf(result: CommandResult): LineResult | null {
  const line = lineOfCorrelation(result.correlationId);
  if (!line) return null;
  const base = { _id: lineResultId(line.runId, line.line), runId: line.runId, line: line.line, dryRun: false };
  if (result.type === 'command.refused') {
    const { code, message, errors } = result.data;
    return {
      ...base,
      status: 'failed',
      code: refusalCodeOf(code),
      action: null,
      itemId: null,
      field: errors?.[0]?.field ?? null,
      message,
    };
  }
  const answer = result.data.answer ?? {};
  const itemId =
    Object.values(answer).find((value): value is string => typeof value === 'string') ?? result.data.streamId;
  return {
    ...base,
    status: line.warning ? 'warning' : 'success',
    code: line.warning ? RESULT_CODES.warning : RESULT_CODES.success,
    action: line.action,
    itemId,
    field: line.warning?.field ?? null,
    message: line.warning
      ? `${line.warning.field}: value not found, left out`
      : line.action === 'create'
        ? 'created'
        : 'updated',
  };
}

/** Keeps the runs' reports and their catalogue values: the owning services' answers, inserted in batches as they come. */
@Injectable()
export class RunResultsFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RunResultsFeed.name);
  private consumer?: MessageConsumer<CommandResult>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly config: ConfigService<ServiceEnv, true>,
    private readonly results: LineResults,
    private readonly values: ValueAnswers,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    const topic = resultsTopic(prefix);
    const record = async (answers: CommandResult[]) => {
      await this.values.record(answers.map(valueAnswerOf).filter((value): value is ValueAnswer => value !== null));
      await this.results.record(answers.map(lineResultOf).filter((line): line is LineResult => line !== null));
    };
    const groupId = `${prefix}imports.results`;
    this.consumer = new MessageConsumer<CommandResult>({
      kafka: this.kafka,
      groupId,
      topics: [topic],
      decode: (message: KafkaMessage) => JSON.parse(message.value?.toString() ?? '') as CommandResult,
      handle: (answer) => record([answer]),
      handleBatch: record,
      ...consumerReports(this.logger, groupId),
    });
    // Kafka may be away at start: the feed starts when it is back
    void ensureTopics(this.kafka, [topic])
      .then(() => this.consumer?.start())
      .catch((error: Error) => this.logger.warn(`results feed not started: ${error.message}`));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
