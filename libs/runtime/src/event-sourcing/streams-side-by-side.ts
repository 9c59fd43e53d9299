import type { EventEnvelope } from '@itsm/contracts';

/**
 * Handles a fetched batch stream by stream: each stream's events in order, up to `lanes` streams
 * at once (a partition holds many streams, and one event's round trips would otherwise hold all
 * the others back). A stream stops at its first failure while the others go on; the first failure
 * is thrown once all have stopped, so the consumer handles the batch again event by event.
 */
export async function handleStreamsSideBySide(
  events: EventEnvelope[],
  handle: (event: EventEnvelope) => Promise<void>,
  lanes: number,
): Promise<void> {
  const streams = [...groupByStream(events).values()];
  const failures: unknown[] = [];
  let next = 0;
  const lane = async () => {
    while (next < streams.length) {
      const stream = streams[next++];
      try {
        for (const event of stream) await handle(event);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, streams.length) }, lane));
  if (failures.length > 0) throw failures[0];
}

function groupByStream(events: EventEnvelope[]): Map<string, EventEnvelope[]> {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const event of events) byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
  return byStream;
}
