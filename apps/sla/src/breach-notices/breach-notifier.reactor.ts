import { Inject, Injectable } from '@nestjs/common';
import type { ActorRef, EventEnvelope } from '@itsm/contracts';
import { RecipientDirectory } from '../directory/recipient-directory';
import type { NotificationQueue, NotificationSettings } from '../notifications';
import { TicketSlaTracking } from '../tracking/ticket-sla-tracking';
import { breachMessage, isLevelReached, type LevelReached } from './breach-message';

export const NOTIFICATION_QUEUE = Symbol('NOTIFICATION_QUEUE');
export const NOTIFICATION_SETTINGS = Symbol('NOTIFICATION_SETTINGS');

/**
 * Reads the service's own warnings, breaches and escalations (Kafka, at least once) and queues
 * their mails and webhook; keys derive from the event id, so a redelivered event sends nothing twice.
 */
@Injectable()
export class BreachNotifier {
  constructor(
    private readonly tracking: TicketSlaTracking,
    private readonly directory: RecipientDirectory,
    @Inject(NOTIFICATION_QUEUE) private readonly queue: NotificationQueue,
    @Inject(NOTIFICATION_SETTINGS) private readonly settings: NotificationSettings,
  ) {}

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
