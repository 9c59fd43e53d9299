import { Inject, Injectable } from '@nestjs/common';
import type { ActorRef, EventEnvelope } from '@itsm/contracts';
import { Metrics } from '@itsm/runtime';
import type { Histogram } from 'prom-client';
import { RecipientDirectory } from '../directory/recipient-directory';
import type { NotificationQueue, NotificationSettings } from '../notifications';
import { TicketSlaTracking } from '../tracking/ticket-sla-tracking';
import { breachMessage, isLevelReached, type LevelReached } from './breach-message';

export const NOTIFICATION_QUEUE = Symbol('NOTIFICATION_QUEUE');
export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

/** seconds: a level is written within a second of its instant when all is well, minutes when timers lagged */
const LATENESS_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900];
const LEVELS = { 'sla.warning': 'warning', 'sla.breached': 'breach', 'sla.escalated': 'escalation' } as const;

/**
 * Reads the service's own warnings, breaches and escalations (Kafka, at least once) and queues
 * their mails and webhook; keys derive from the event id, so a redelivered event sends nothing twice.
 * Each level's lateness (its event's instant after the level's due instant: timers, Redis and the
 * worker together) is measured once it is handled.
 */
@Injectable()
export class BreachNotifier {
  private readonly lateness: Histogram<'kind' | 'level'>;

  constructor(
    private readonly tracking: TicketSlaTracking,
    private readonly directory: RecipientDirectory,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
    metrics: Metrics,
  ) {
    this.lateness = metrics.histogram(
      'itsm_sla_level_lateness_seconds',
      'From the instant an SLA level (warning, breach, escalation) was due to its event, by agreement kind and level',
      ['kind', 'level'],
      LATENESS_BUCKETS,
    );
  }

  async handle(event: EventEnvelope): Promise<void> {
    if (!isLevelReached(event)) return;
    const facts = await this.tracking.ticketFacts(event.data.ticketId);
    const { subject, text } = breachMessage(event, facts?.title ?? event.data.ticketId);
    for (const address of await this.recipients(event, facts?.assignees ?? [])) {
      await this.queue.enqueue({
        channel: 'email',
        key: `${event.id}.email.${address}`,
        to: [address],
        subject,
        text,
      });
    }
    if (this.settings.webhookUrl) {
      await this.queue.enqueue({
        channel: 'webhook',
        key: `${event.id}.webhook`,
        url: this.settings.webhookUrl,
        body: event,
      });
    }
    this.observeLateness(event);
  }

  private observeLateness({ type, occurredAt, data }: LevelReached & Pick<EventEnvelope, 'occurredAt'>): void {
    const seconds = Math.max(0, Date.parse(occurredAt) - Date.parse(data.dueAt)) / 1000;
    this.lateness.observe({ kind: data.kind, level: LEVELS[type] }, seconds);
  }

  private async recipients(event: LevelReached, assignees: ActorRef[]): Promise<string[]> {
    const actors: ActorRef[] = [];
    for (const action of event.data.actions) {
      if (action.type === 'notify-assignees') actors.push(...assignees);
      if (action.type === 'notify-group' && action.groupId) actors.push({ kind: 'group', id: action.groupId });
    }
    return this.directory.addressesOf(actors);
  }
}
