import { authorizedFetch } from './access-token';

export interface ServerSentEvent {
  type: string;
  data: string;
}

/**
 * The complete events at the start of `text` (the text/event-stream format: fields per line, an
 * event ends at a blank line) and what is left for the next chunk. Comments and ids are ignored.
 */
export function parseServerSentEvents(text: string): { events: ServerSentEvent[]; rest: string } {
  const blocks = text.replace(/\r\n?/g, '\n').split('\n\n');
  const rest = blocks.pop() ?? '';
  const events = blocks.flatMap((block) => {
    let type = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      const colon = line.indexOf(':');
      if (colon === 0) continue;
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') type = value;
      if (field === 'data') data.push(value);
    }
    return data.length ? [{ type, data: data.join('\n') }] : [];
  });
  return { events, rest };
}

/**
 * Follows a service's Server-Sent Events with the access token (EventSource cannot send one), until
 * the stream ends or `signal` aborts; each event's data goes to `onEvent`.
 */
export async function followEvents(
  url: string,
  onEvent: (event: ServerSentEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  const response = await authorizedFetch(url, new Request(url, { headers: { accept: 'text/event-stream' }, signal }));
  if (!response.ok || !response.body) throw new Error(`${response.status} ${response.statusText}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    const { events, rest } = parseServerSentEvents(pending + value);
    pending = rest;
    events.forEach(onEvent);
  }
}
