import type { Logger } from '@nestjs/common';
import type { EventConsumerOptions, MessageWhereabouts } from '@itsm/messaging';
import type { Metrics } from '../observability/metrics';

/** What a consumer's reports count. */
export interface CountedReports {
  deadLetter?(topic: string): void;
  retry?(topic: string): void;
}

/** Its dead letters and retries counted in the service's metrics, by group and topic. */
export function countedBy(metrics: Metrics | undefined, group: string): CountedReports {
  if (!metrics) return {};
  return {
    deadLetter: (topic) => metrics.deadLetters.inc({ group, topic }),
    retry: (topic) => metrics.retries.inc({ group, topic }),
  };
}

/** How often a message still waiting is reported again: its first retry, then every tenth. */
export const RETRY_REPORTED_EVERY = 10;

/** The fields a report of one message carries: where it is, and why it failed. */
export function messageReport(group: string, where: MessageWhereabouts | undefined, error: unknown) {
  const { topic, partition, offset, key, eventId } = where ?? {};
  return {
    group,
    ...(where && { topic, partition, offset, key, eventId }),
    error: (error as Error)?.message ?? String(error),
  };
}

/**
 * What operators must hear of a consumer: every dead letter at error level (it needs a person),
 * and a message retried (a dependency away, or an unknown failure) at warn, on its first retry
 * then every tenth, so an outage does not flood the log. Each names the topic, partition, offset,
 * key and event id of the message and the error; `counted` also counts them (metrics).
 */
export function consumerReports(
  logger: Logger,
  groupId: string,
  counted: CountedReports = {},
): Pick<EventConsumerOptions, 'onDeadLetter' | 'onRetry' | 'onRestart'> {
  return {
    onDeadLetter: (where, error) => {
      counted.deadLetter?.(where.topic);
      logger.error({
        msg: `${groupId}: message sent to the dead-letter topic`,
        ...messageReport(groupId, where, error),
      });
    },
    onRestart: (error) => logger.warn(`${groupId}: the consumer crashed and is recreated: ${error.message}`),
    onRetry: (error, attempt, where) => {
      counted.retry?.(where?.topic ?? 'none');
      if (attempt === 1 || attempt % RETRY_REPORTED_EVERY === 0) {
        logger.warn({
          msg: `${groupId}: a message waits to be handled`,
          attempt,
          ...messageReport(groupId, where, error),
        });
      }
    },
  };
}
