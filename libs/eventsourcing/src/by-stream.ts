import type { EventEnvelope } from '@itsm/contracts';

/** The events kept by `keep`, per stream, each stream in the order given. */
export function eventsByStream(
  events: EventEnvelope[],
  keep: (event: EventEnvelope) => boolean = () => true,
): EventEnvelope[][] {
  const byStream = new Map<string, EventEnvelope[]>();
  for (const event of events.filter(keep)) {
    const stream = byStream.get(event.streamId);
    if (stream) stream.push(event);
    else byStream.set(event.streamId, [event]);
  }
  return [...byStream.values()];
}
