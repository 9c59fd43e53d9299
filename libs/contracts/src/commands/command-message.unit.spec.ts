import type { CommandEnvelope } from './command-envelope';
import { decodeCommands, encodeCommands, InvalidCommandMessageError } from './command-message';

const command = (overrides: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  commandId: '0190a0a0-0000-7000-8000-000000000001',
  type: 'user.register',
  schemaVersion: 1,
  streamId: 'login:S1',
  caller: { accessToken: 'eyJ…' },
  replyTo: 'itsm.imports.command-results',
  correlationId: 'run-1',
  issuedAt: '2026-12-03T08:00:00.000Z',
  data: { login: 'S1' },
  ...overrides,
});

describe('command messages', () => {
  it('reads one envelope as a batch of one', () => {
    expect(decodeCommands(encodeCommands(command()))).toEqual([command()]);
  });

  it('reads a batch in its order', () => {
    const batch = [command(), command({ commandId: '0190a0a0-0000-7000-8000-000000000002', streamId: 'login:S2' })];
    expect(decodeCommands(encodeCommands(batch))).toEqual(batch);
  });

  it.each([
    ['text that is not JSON', '{"commandId"', 'not JSON'],
    ['an empty batch', '[]', 'an empty batch'],
    ['a bare value', '42', 'not an object'],
  ])('refuses %s', (_name, value, reason) => {
    expect(() => decodeCommands(value)).toThrow(reason);
  });

  it('names every broken field of an envelope', () => {
    const broken = { ...command(), commandId: 'one', replyTo: 'no spaces allowed', data: [] };
    expect(() => decodeCommands(JSON.stringify(broken))).toThrow(
      'invalid command envelope: commandId must be a UUID; replyTo must be a topic name; data must be an object',
    );
  });

  it('refuses a whole batch for one broken envelope, naming its position', () => {
    const batch = [command(), { ...command(), caller: {} }];
    const decoding = () => decodeCommands(JSON.stringify(batch));
    expect(decoding).toThrow(InvalidCommandMessageError);
    expect(decoding).toThrow('[1] caller must be { accessToken }');
  });

  it('refuses a batch bigger than a message may carry', () => {
    const batch = Array.from({ length: 501 }, () => command());
    expect(() => decodeCommands(JSON.stringify(batch))).toThrow('a batch of more than 500 commands');
  });
});
