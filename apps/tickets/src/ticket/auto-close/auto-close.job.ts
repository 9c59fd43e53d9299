import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { commandMetadata } from '@itsm/auth';
import { EventSourcedCommands } from '@itsm/runtime';
import { TicketDirectory } from '../../directory/ticket-directory';
import { AUTO_CLOSE_INTERVAL_MS } from '../../tickets.tokens';
import { TicketAccess } from '../access/ticket-access';
import { ticketDecider, ticketStreamId } from '../ticket.decider';

/**
 * GLPI's closeticket cron: solved tickets whose entity closes them after N days are closed once
 * those days have passed. Safe with several replicas: the decider refuses a second close.
 */
@Injectable()
export class AutoCloseJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AutoCloseJob.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly access: TicketAccess,
    private readonly directory: TicketDirectory,
    private readonly commands: EventSourcedCommands,
    @Inject(AUTO_CLOSE_INTERVAL_MS) private readonly intervalMs: number,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.runOnce().catch((error: Error) => this.logger.warn(`auto-close turn failed: ${error.message}`));
    }, this.intervalMs);
    this.timer.unref();
  }

  beforeApplicationShutdown(): void {
    clearInterval(this.timer);
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
          commandMetadata({ system: 'tickets.auto-close' }, ticket.entityId),
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
