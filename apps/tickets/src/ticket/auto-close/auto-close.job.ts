import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { commandMetadata, systemCaller } from '@itsm/auth';
import { EventSourcedCommands, SingletonJob, type ServiceEnv } from '@itsm/runtime';
import { pino } from 'pino';
import { TicketDirectory } from '../../directory/ticket-directory';
import { AUTO_CLOSE_INTERVAL_MS } from '../../tickets.tokens';
import { TicketAccess } from '../access/ticket-access';
import { ticketDecider, ticketStreamId } from '../ticket.decider';

const AUTO_CLOSE = systemCaller('tickets.auto-close');

/**
 * GLPI's closeticket cron: solved tickets whose entity closes them after N days are closed once
 * those days have passed. One replica runs each turn (a SingletonJob); a second close would be
 * refused by the decider anyway.
 */
@Injectable()
export class AutoCloseJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly schedule: SingletonJob;

  constructor(
    private readonly access: TicketAccess,
    private readonly directory: TicketDirectory,
    private readonly commands: EventSourcedCommands,
    @Inject(AUTO_CLOSE_INTERVAL_MS) intervalMs: number,
    config: ConfigService<ServiceEnv, true>,
  ) {
    const logger = pino({ name: 'tickets.auto-close', level: config.get('LOG_LEVEL', { infer: true }) });
    this.schedule = new SingletonJob({
      name: 'auto-close',
      everyMs: intervalMs,
      run: () => this.runOnce(),
      redisUrl: config.get('REDIS_URL', { infer: true }),
      keyPrefix: config.get('REDIS_KEY_PREFIX', { infer: true }),
      replica: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      logger,
    });
  }

  onApplicationBootstrap(): void {
    // not awaited: with Redis away the service starts all the same, and turns begin once it is back
    this.schedule.start().catch(() => undefined);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.schedule.close();
  }

  /** Closes what is due at `now`; returns the ids closed. */
  async runOnce(now = new Date()): Promise<string[]> {
    const solved = await (await this.access.tickets())
      .find({ status: 'solved' }, { projection: { ticketId: 1, entityId: 1, solvedAt: 1 } })
      .toArray();
    const closed: string[] = [];
    for (const ticket of solved) {
      const days = await this.directory.autoCloseDays(ticket.entityId);
      if (days === null || !ticket.solvedAt) continue;
      if (Date.parse(ticket.solvedAt) + days * 86_400_000 > now.getTime()) continue;
      const result = await this.commands
        .execute(
          ticketDecider,
          ticketStreamId(ticket.ticketId),
          { type: 'close-ticket', by: 'auto' },
          commandMetadata(AUTO_CLOSE, ticket.entityId),
        )
        .then(
          () => true,
          () => false,
        ); // closed meanwhile by someone else: nothing to do
      if (result) closed.push(ticket.ticketId);
    }
    return closed;
  }
}
