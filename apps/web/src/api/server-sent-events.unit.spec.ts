import { parseServerSentEvents } from './server-sent-events';

describe('reading a text/event-stream', () => {
  it('gives the complete events and keeps the unfinished one for the next chunk', () => {
    const { events, rest } = parseServerSentEvents(
      'event: progress\ndata: {"a":1}\n\n: comment\n\nevent: progress\ndata: {"a"',
    );
    expect(events).toEqual([{ type: 'progress', data: '{"a":1}' }]);
    expect(rest).toBe('event: progress\ndata: {"a"');
    expect(parseServerSentEvents(`${rest}:2}\n\n`).events).toEqual([{ type: 'progress', data: '{"a":2}' }]);
  });

  it('joins multi-line data, reads CRLF and names an untyped event "message"', () => {
    expect(parseServerSentEvents('data: one\r\ndata: two\r\n\r\n').events).toEqual([
      { type: 'message', data: 'one\ntwo' },
    ]);
  });
});
