import type { StoredCommit } from '../event-store/stored-commit';

/**
 * From a batch of unpublished commits (in outbox order), the ones that may go to Kafka now: per
 * stream, a gap-free run of sequences starting right after the last published one. A commit whose
 * predecessor is not yet published waits for a later turn, so Kafka always sees sequence order.
 */
export function publishableCommits(
  batch: StoredCommit[],
  lastPublished: (streamId: string) => number | undefined,
): StoredCommit[] {
  const byStream = new Map<string, StoredCommit[]>();
  for (const commit of batch) byStream.set(commit.streamId, [...(byStream.get(commit.streamId) ?? []), commit]);
  const publishable: StoredCommit[] = [];
  for (const [streamId, commits] of byStream) {
    const last = lastPublished(streamId);
    if (last === undefined) continue;
    let next = last + 1;
    for (const commit of commits.sort((a, b) => a.sequence - b.sequence)) {
      if (commit.sequence !== next) break;
      publishable.push(commit);
      next = commit.lastSequence + 1;
    }
  }
  return publishable;
}
