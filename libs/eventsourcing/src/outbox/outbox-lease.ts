import type { Collection, Connection } from 'mongoose';
import { isDuplicateKeyError } from '../event-store/version-conflict.error';

interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * One relay publishes at a time: whoever holds the lease. It renews it as its turns go; if its
 * process dies, another replica takes over once the lease expires. Per-stream order therefore
 * never depends on two relays racing.
 */
export class OutboxLease {
  private readonly leases: Collection<LeaseDocument>;
  /** when this owner last took or renewed the lease (its clock, before the write) */
  private renewedAt?: number;

  constructor(
    connection: Connection,
    private readonly name: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {
    this.leases = connection.collection<LeaseDocument>('outbox_leases');
  }

  /**
   * Takes or renews the lease; false while another live owner holds it. Taken or renewed less than
   * a third of its lifetime ago, it is surely still this owner's (no one may take it before it
   * expires): no write. A relay turning for every local append (an agent's re-inventory each) then
   * renews it every few seconds rather than at each turn.
   */
  async acquire(): Promise<boolean> {
    const now = Date.now();
    if (this.renewedAt !== undefined && now - this.renewedAt < this.ttlMs / 3) return true;
    this.renewedAt = undefined;
    try {
      const lease = await this.leases.findOneAndUpdate(
        { _id: this.name, $or: [{ owner: this.owner }, { expiresAt: { $lt: new Date(now) } }] },
        { $set: { owner: this.owner, expiresAt: new Date(now + this.ttlMs) } },
        { upsert: true, returnDocument: 'after' },
      );
      const held = lease?.owner === this.owner;
      if (held) this.renewedAt = now;
      return held;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false; // held by someone else: the upsert collided
      throw error;
    }
  }

  async release(): Promise<void> {
    this.renewedAt = undefined;
    await this.leases.deleteOne({ _id: this.name, owner: this.owner });
  }
}
