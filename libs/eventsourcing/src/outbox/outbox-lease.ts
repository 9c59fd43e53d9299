import type { Collection, Connection } from 'mongoose';
import { isDuplicateKeyError } from '../event-store/version-conflict.error';

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * One relay publishes at a time: whoever holds the lease. It renews it at each loop turn; if its
 * process dies, another replica takes over once the lease expires. Per-stream order therefore
 * never depends on two relays racing.
 */
export class OutboxLease {
  private readonly leases: Collection<LeaseDocument>;

  constructor(
    connection: Connection,
    private readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {
    this.leases = connection.collection<LeaseDocument>('outbox_leases');
  }

  /** Takes or renews the lease; false while another live owner holds it. */
  async acquire(): Promise<boolean> {
    const now = Date.now();
    try {
      const lease = await this.leases.findOneAndUpdate(
        { _id: this.name, $or: [{ owner: this.owner }, { expiresAt: { $lt: new Date(now) } }] },
        { $set: { owner: this.owner, expiresAt: new Date(now + this.ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      return lease?.owner === this.owner;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false; // held by someone else: the upsert collided
      throw error;
    }
  }

  async release(): Promise<void> {
    await this.leases.deleteOne({ _id: this.name, owner: this.owner });
  }
}
