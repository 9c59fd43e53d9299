import type { CommandEnvelope } from '@itsm/contracts';
import { messagesOf } from './run-commands';

const command = (i: number, tokenBytes: number): CommandEnvelope => ({
  commandId: `c${i}`,
  type: 'asset.create',
  schemaVersion: 1,
  streamId: `s${i}`,
  caller: { accessToken: 'x'.repeat(tokenBytes) },
  replyTo: 'itsm.imports.results',
  correlationId: `import-run:r:${i + 2}:c`,
  issuedAt: '2026-12-04T00:00:00.000Z',
  data: { assetType: 'computer', entityId: 'root', name: `PC-${i}` },
});

describe('the messages a batch of commands is sent in', () => {
  it('holds 500 small commands at most, in their order', () => {
    const messages = messagesOf(Array.from({ length: 1200 }, (_, i) => command(i, 100)));
    expect(messages.map((message) => message.length)).toEqual([500, 500, 200]);
    expect(messages.flat().map((sent) => sent.commandId)).toEqual(Array.from({ length: 1200 }, (_, i) => `c${i}`));
  });

  it('stays under 512 KiB when each command carries a long token (Kafka refuses a message over 1 MB)', () => {
    const messages = messagesOf(Array.from({ length: 500 }, (_, i) => command(i, 3000)));
    expect(messages.length).toBeGreaterThan(2);
    for (const message of messages) expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThan(512 * 1024 + 4096);
    expect(messages.flat()).toHaveLength(500);
  });

  it('sends a command larger than the limit alone rather than never', () => {
    expect(messagesOf([command(0, 600 * 1024), command(1, 10)]).map((message) => message.length)).toEqual([1, 1]);
  });
});
