import type { CommandEnvelope } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { answerOf, committedAnswerOf } from './command-answer';

const command: CommandEnvelope = {
  commandId: '0190a0a0-0000-7000-8000-000000000001',
  type: 'user.register',
  schemaVersion: 1,
  streamId: 'S1',
  caller: { accessToken: 'token' },
  replyTo: 'itsm.imports.results',
  correlationId: 'run-1',
  issuedAt: '2026-12-03T08:00:00.000Z',
  data: { login: 'S1' },
};
const stamp = {
  id: '0190a0a0-0000-7000-8000-0000000000ff',
  service: 'identity',
  occurredAt: '2026-12-03T08:00:01.000Z',
};
const failed = (error: unknown) => answerOf(command, { ok: false, error }, stamp);

describe('the answer to a command', () => {
  it('accepts with the last stream the use case wrote, its version and its answer', () => {
    const writes = [
      { streamId: 'user-1', version: 1 },
      { streamId: 'user-2', version: 4 },
    ];
    const result = answerOf(command, { ok: true, value: { userId: '2' }, writes }, stamp);
    expect(result).toMatchObject({
      type: 'command.accepted',
      data: { streamId: 'user-2', version: 4, answer: { userId: '2' } },
    });
  });

  it('accepts a use case that wrote nothing with no version, on the command’s key', () => {
    const result = answerOf(command, { ok: true, value: undefined, writes: [] }, stamp);
    expect(result?.data).toEqual({ streamId: 'S1', version: null });
  });

  it('refuses with a lasting domain error: its code, message and per-field errors', () => {
    const errors = [{ field: 'login', message: 'login may hold letters' }];
    expect(failed(new DomainError('invalid', 'login may hold letters', { errors }))).toMatchObject({
      type: 'command.refused',
      data: { code: 'invalid', message: 'login may hold letters', errors },
    });
    expect(failed(new DomainError('rule', 'closed', { details: { ticketId: 't' } }))?.data).toEqual({
      code: 'rule',
      message: 'closed',
      details: { ticketId: 't' },
    });
  });

  it.each([
    ['a transient domain error', new DomainError('unavailable', 'Mongo is away')],
    ['a domain error said transient', new DomainError('conflict', 'try again', { transient: true })],
    ['a failure that is no domain error', new TypeError('undefined is not a function')],
  ])('gives none for %s: the command is retried, not answered', (_name, error) => {
    expect(failed(error)).toBeUndefined();
  });
});

describe('the answer to a command whose last write committed', () => {
  const committed = { version: 3, occurredAt: '2026-12-03T08:00:00.500Z' };
  const outcome = (
    writes: Array<{ streamId: string; version: number; replayed?: boolean; committed?: typeof committed }>,
  ) => ({ ok: true as const, value: { assetId: 'a1' }, writes });

  it('is built from that commit alone: the same at the first delivery and at a redelivery that replays it', () => {
    const first = committedAnswerOf(command, outcome([{ streamId: 'asset-a1', version: 3, committed }]), 'assets');
    const again = committedAnswerOf(
      command,
      outcome([{ streamId: 'asset-a1', version: 7, replayed: true, committed }]),
      'assets',
    );
    expect(first).toEqual(again);
    expect(first).toMatchObject({
      type: 'command.accepted',
      occurredAt: committed.occurredAt,
      data: { streamId: 'asset-a1', version: 3, answer: { assetId: 'a1' } },
    });
  });

  it('is none when the last write committed nothing, or the command was refused: that answer is stored', () => {
    expect(committedAnswerOf(command, outcome([{ streamId: 'asset-a1', version: 3 }]), 'assets')).toBeUndefined();
    expect(committedAnswerOf(command, { ok: false, error: new DomainError('rule', 'no') }, 'assets')).toBeUndefined();
  });
});
