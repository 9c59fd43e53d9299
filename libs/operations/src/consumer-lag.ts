import type { Admin } from 'kafkajs';

export interface PartitionLag {
  group: string;
  topic: string;
  partition: number;
  /** the group's next offset; null before its first commit */
  committed: number | null;
  /** the partition's end (high watermark) */
  end: number;
  lag: number;
}

interface Offsets {
  partition: number;
  offset: string;
}

interface Ends {
  partition: number;
  high: string;
  low: string;
}

/** Messages each partition holds beyond the group's commit (from the partition's start when none). */
export function partitionLags(group: string, topic: string, committed: Offsets[], ends: Ends[]): PartitionLag[] {
  return ends.map(({ partition, high, low }) => {
    const offset = committed.find((candidate) => candidate.partition === partition)?.offset ?? '-1';
    const at = Number(offset) < 0 ? null : Number(offset);
    return { group, topic, partition, committed: at, end: Number(high), lag: Number(high) - (at ?? Number(low)) };
  });
}

/** The lag of every consumer group whose id starts with `groupPrefix`, per topic and partition. */
export async function consumerLags(admin: Admin, groupPrefix: string): Promise<PartitionLag[]> {
  const { groups } = await admin.listGroups();
  const ours = groups.map(({ groupId }) => groupId).filter((groupId) => groupId.startsWith(groupPrefix));
  const lags: PartitionLag[] = [];
  for (const group of ours.sort()) {
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: group })) {
      lags.push(...partitionLags(group, topic, partitions, await admin.fetchTopicOffsets(topic)));
    }
  }
  return lags;
}
