import type { Admin, SeekEntry } from 'kafkajs';

/**
 * Where a process that loads the read model now must start reading the topic: at the read model's
 * own consumer group's committed offsets (the earliest of several read models'). Events before them are in the read model (it commits
 * after applying); later ones may not be yet, so they are read again. A partition that group has
 * not committed starts at its beginning: the index skips what it already holds, by sequence.
 */
export async function startPositions(admin: Admin, topic: string, readModelGroupIds: string[]): Promise<SeekEntry[]> {
  // one after another: side by side, kafkajs refreshes the cluster's metadata once per call and
  // may swap the connection another call is writing on ("write after end")
  const commits: Array<Awaited<ReturnType<Admin['fetchOffsets']>>[number] | undefined> = [];
  for (const groupId of readModelGroupIds) commits.push((await admin.fetchOffsets({ groupId, topics: [topic] }))[0]);
  const bounds = await admin.fetchTopicOffsets(topic);
  return bounds.map(({ partition, low, high }) => {
    // several read models: the one furthest behind sets the start (the others skip what they hold)
    const offsets = commits.map((committed) =>
      Number(committed?.partitions.find((entry) => entry.partition === partition)?.offset ?? -1),
    );
    const offset = Math.min(...offsets);
    const start = offset < Number(low) ? Number(low) : Math.min(offset, Number(high));
    return { partition, offset: String(start) };
  });
}

/** Whether the feed has read up to where the topic ended when the load finished. */
export class CatchUp {
  /** partition -> the offset it must reach */
  private readonly pending = new Map<number, number>();

  constructor(starts: SeekEntry[], ends: SeekEntry[]) {
    for (const { partition, offset } of ends) {
      const start = Number(starts.find((entry) => entry.partition === partition)?.offset ?? 0);
      if (start < Number(offset)) this.pending.set(partition, Number(offset));
    }
  }

  get done(): boolean {
    return this.pending.size === 0;
  }

  /** The feed has handled the partition up to (not including) `next`. */
  passed(partition: number, next: number): void {
    const target = this.pending.get(partition);
    if (target !== undefined && next >= target) this.pending.delete(partition);
  }
}

/** How far the feed has handled each partition: every event before these offsets is applied. */
export class HandledPositions {
  private readonly next = new Map<number, number>();

  constructor(starts: SeekEntry[]) {
    for (const { partition, offset } of starts) this.next.set(partition, Number(offset));
  }

  /** The feed has handled the partition up to (not including) `next`. */
  passed(partition: number, next: number): void {
    this.next.set(partition, Math.max(next, this.next.get(partition) ?? 0));
  }

  positions(): SeekEntry[] {
    return [...this.next].map(([partition, offset]) => ({ partition, offset: String(offset) }));
  }
}
