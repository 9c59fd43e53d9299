/** pino's signature (the service's logger fits). */
export interface OutageLogger {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/**
 * Says a Redis outage once (warn, with the first error) and its end once (info): BullMQ and ioredis
 * report an error at every reconnection attempt, which would flood the log while Redis is away.
 */
export class RedisOutageLog {
  private away = false;

  constructor(
    private readonly logger: OutageLogger,
    private readonly what: string,
  ) {}

  failed(error: Error): void {
    if (this.away) return;
    this.away = true;
    this.logger.warn({ err: error }, `${this.what}: Redis is away, retrying until it is back`);
  }

  recovered(): void {
    if (!this.away) return;
    this.away = false;
    this.logger.info({}, `${this.what}: Redis is back`);
  }
}
