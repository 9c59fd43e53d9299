import type { Logger } from '@nestjs/common';
import type { EventConsumerOptions } from '@itsm/messaging';

/**
 * What operators must hear of a consumer: every dead letter at error level (it needs a person),
 * and a dependency away (the first retry, then every tenth, so an outage does not flood the log).
 */
export function consumerReports(
  logger: Logger,
  groupId: string,
): Pick<EventConsumerOptions, 'onDeadLetter' | 'onRetry' | 'onRestart'> {
  return {
    onDeadLetter: (topic, message, error) =>
      logger.error(
        `${groupId}: dead-lettered ${topic} offset ${message.offset} (key ${message.key?.toString() ?? '-'}): ${error.message}`,
      ),
    onRestart: (error) => logger.warn(`${groupId}: the consumer crashed and is recreated: ${error.message}`),
    onRetry: (error, attempt) => {
      if (attempt === 1 || attempt % 10 === 0) {
        logger.warn(
          `${groupId}: a message waits to be handled (attempt ${attempt}): ${(error as Error)?.message ?? error}`,
        );
      }
    },
  };
}
