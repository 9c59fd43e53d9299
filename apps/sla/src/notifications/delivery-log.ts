import { concurrentUpsert } from '@itsm/eventsourcing';
import type { Collection, Connection } from 'mongoose';
import type { Notification, NotificationChannel } from './notification';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One document per notification key in `notification_deliveries`: what was sent where, and how it went. */
export interface DeliveryRecord {
  _id: string;
  channel: NotificationChannel;
  /** e-mail only */
  recipients?: string[];
  subject?: string;
  /** webhook only */
  url?: string;
  status: DeliveryStatus;
  /** attempts made so far, failed or not */
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const DELIVERIES_COLLECTION = 'notification_deliveries';

/**
 * Writes delivery outcomes. Plain single-document upserts only: FerretDB is the server, and each
 * write must stand alone (no transaction ties it to the send it records).
 */
export class DeliveryLog {
  private readonly collection: Collection<DeliveryRecord>;

  constructor(connection: Connection) {
    // mongoose's collection wraps the native driver's, and waits for the connection to be open
    this.collection = connection.collection<DeliveryRecord>(DELIVERIES_COLLECTION);
  }

  find(key: string): Promise<DeliveryRecord | null> {
    return this.collection.findOne({ _id: key });
  }

  /** Creates the 'pending' record; an existing one is left as it is. */
  async recordQueued(notification: Notification): Promise<void> {
    const now = new Date();
    // an insert rather than an upsert with $setOnInsert: FerretDB drops the null fields of $setOnInsert
    await this.collection
      .insertOne({
        _id: notification.key,
        ...describe(notification),
        status: 'pending',
        attempts: 0,
        lastError: null,
        deliveredAt: null,
        createdAt: now,
        updatedAt: now,
      })
      .catch((error: unknown) => {
        if ((error as { code?: unknown }).code !== 11000) throw error; // duplicate key: already recorded
      });
  }

  async recordDelivered(notification: Notification): Promise<void> {
    await this.recordAttempt(notification, { status: 'delivered', lastError: null, deliveredAt: new Date() });
  }

  /** `final`: no attempt follows, the record ends 'failed'; otherwise it stays 'pending'. */
  async recordFailure(notification: Notification, error: string, final: boolean): Promise<void> {
    await this.recordAttempt(notification, {
      status: final ? 'failed' : 'pending',
      lastError: error,
      deliveredAt: null,
    });
  }

  // Upserts too, so that an attempt is recorded even if the 'pending' write at enqueue was lost.
  // Null fields go in $set, never in $setOnInsert, where FerretDB drops them.
  private async recordAttempt(
    notification: Notification,
    outcome: Pick<DeliveryRecord, 'status' | 'lastError' | 'deliveredAt'>,
  ): Promise<void> {
    const now = new Date();
    // the job may run while its enqueue still inserts the 'pending' record
    await concurrentUpsert(() =>
      this.collection.updateOne(
        { _id: notification.key },
        {
          $set: { ...outcome, updatedAt: now },
          $inc: { attempts: 1 },
          $setOnInsert: { ...describe(notification), createdAt: now },
        },
        { upsert: true },
      ),
    );
  }
}

function describe(notification: Notification): Pick<DeliveryRecord, 'channel' | 'recipients' | 'subject' | 'url'> {
  return notification.channel === 'email'
    ? { channel: 'email', recipients: notification.to, subject: notification.subject }
    : { channel: 'webhook', url: notification.url };
}
