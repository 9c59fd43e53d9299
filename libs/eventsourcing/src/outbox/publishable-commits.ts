import type { StoredCommit } from '../event-store/stored-commit';

/**
 * From a batch of unpublished commits (in outbox order), the ones that may go to Kafka now: per
 * stream, the gap-free run of sequences starting at its lowest unpublished commit. Streams listed
 * in `held` have an older unpublished commit outside the batch and wait for a later turn.
 *
 * Because every turn publishes from each stream's lowest unpublished commit, a stream's
 * unpublished commits are always a suffix of it: Kafka sees each stream in sequence order.
 */
export function publishableCommits(batch: StoredCommit[], held: ReadonlySet<string> = new Set()): StoredCommit[] {
  const byStream = new Map<string, StoredCommit[]>();
  for (const commit of batch) {
    if (!held.has(commit.streamId)) byStream.set(commit.streamId, [...(byStream.get(commit.streamId) ?? []), commit]);
  }
  const publishable: StoredCommit[] = [];
  for (const commits of byStream.values()) {
    commits.sort((a, b) => a.sequence - b.sequence);
    let next = commits[0].sequence;
    for (const commit of commits) {
      if (commit.sequence !== next) break;
      publishable.push(commit);
      next = commit.lastSequence + 1;
    }
  }
  return publishable;
}
