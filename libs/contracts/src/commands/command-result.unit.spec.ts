import type { CommandEnvelope } from './command-envelope';
import { acceptedResult, refusedResult } from './command-result';

const command: CommandEnvelope = {
  commandId: '0190a0a0-0000-7000-8000-000000000001',
  type: 'ticket.open',
  schemaVersion: 1,
  streamId: 'line-12',
  caller: { accessToken: 'secret' },
  replyTo: 'itsm.imports.command-results',
  correlationId: 'run-1',
  issuedAt: '2026-12-03T08:00:00.000Z',
  data: { title: 'Imprimante' },
};
const stamp = {
  id: '0190a0a0-0000-7000-8000-0000000000ff',
  service: 'tickets',
  occurredAt: '2026-12-03T08:00:01.000Z',
};
const header = {
  id: stamp.id,
  schemaVersion: 1,
  service: 'tickets',
  commandId: command.commandId,
  commandType: 'ticket.open',
  streamId: 'line-12',
  correlationId: 'run-1',
  occurredAt: stamp.occurredAt,
};

describe('command results', () => {
  it('accepts with the stream written and its version', () => {
    const data = { streamId: 'ticket-1', version: 1, answer: { ticketId: '1' } };
    expect(acceptedResult(command, data, stamp)).toEqual({ ...header, type: 'command.accepted', data });
  });

  it('refuses with the domain error code, per-field errors, and never the caller’s token', () => {
    const data = { code: 'invalid', message: 'title is empty', errors: [{ field: 'title', message: 'is empty' }] };
    const result = refusedResult(command, data, stamp);
    expect(result).toEqual({ ...header, type: 'command.refused', data });
    expect(JSON.stringify(result)).not.toContain('secret');
  });
});
