import type { EventEnvelope } from '@itsm/contracts';
import { eventsByStream, inLanes } from '@itsm/eventsourcing';

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
  const failures: unknown[] = [];
  await inLanes(
    eventsByStream(events),
    async (stream) => {
      try {
        for (const event of stream) await handle(event);
      } catch (error) {
        failures.push(error);
      }
    },
    lanes,
  );
  if (failures.length > 0) throw failures[0];
}
