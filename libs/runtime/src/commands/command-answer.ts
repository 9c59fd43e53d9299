import {
  acceptedResult,
  refusedResult,
  type CommandAccepted,
  type CommandEnvelope,
  type CommandResult,
  type ResultStamp,
} from '@itsm/contracts';
import { DomainError, isDomainError } from '@itsm/domain';
import type { CommittedWrite } from '@itsm/eventsourcing';
import { v5 as uuidv5 } from 'uuid';
import { domainErrorOf } from '../http/problem';
import type { StreamWrite } from './command-scope';

/** How a use case ended for one command: its answer and what it wrote, or what it threw. */
export type UseCaseOutcome = { ok: true; value: unknown; writes: StreamWrite[] } | { ok: false; error: unknown };

/**
 * The result a command is answered with: accepted with the last stream it wrote, or refused with
 * a domain error that would refuse it again. Undefined for a failure worth retrying (transient,
 * or not a domain error at all): such a command is not answered.
 */
export function answerOf(
  command: CommandEnvelope,
  outcome: UseCaseOutcome,
  stamp: ResultStamp,
): CommandResult | undefined {
  if (outcome.ok) {
    const written = outcome.writes.at(-1);
    const data = { streamId: written?.streamId ?? command.streamId, version: written?.version ?? null };
    return acceptedResult(command, { ...data, ...answerOfUseCase(outcome.value) }, stamp);
  }
  const refusal = refusalOf(outcome.error);
  if (!refusal) return undefined;
  const { code, message, errors, details } = refusal;
  return refusedResult(command, { code, message, ...(errors && { errors }), ...(details && { details }) }, stamp);
}

/** The ids of answers rebuilt from their command's commit: a UUIDv5 of the command id in this namespace. */
const COMMITTED_ANSWER_IDS = 'a3c1e1f8-7d3e-4d0f-9a51-2f6b8c4e7d19';

/**
 * The answer of a command whose last write made a commit, built from that commit alone: its
 * stream, the version it left and when it was written, an id derived from the command's, and what
 * the use case answered (ids a redelivery makes alike). Every delivery rebuilds the same answer
 * (a redelivery replays the writes and finds the same commits), so it need not be stored.
 * Undefined when the last write committed nothing: that answer is stored (see KafkaCommandServer).
 */
export function committedAnswerOf(
  command: CommandEnvelope,
  outcome: UseCaseOutcome,
  service: string,
): CommandAccepted | undefined {
  const written = outcome.ok ? outcome.writes.at(-1) : undefined;
  if (!outcome.ok || !written?.committed) return undefined;
  return answerOfCommit(command, { streamId: written.streamId, ...written.committed }, outcome.value, service);
}

/** The answer of a command that wrote this commit last (see committedAnswerOf). */
export function answerOfCommit(
  command: CommandEnvelope,
  commit: CommittedWrite & { streamId: string },
  value: unknown,
  service: string,
): CommandAccepted {
  const stamp = { id: uuidv5(command.commandId, COMMITTED_ANSWER_IDS), service, occurredAt: commit.occurredAt };
  const data = { streamId: commit.streamId, version: commit.version, ...answerOfUseCase(value) };
  return acceptedResult(command, data, stamp);
}

const answerOfUseCase = (value: unknown) => (isPlainObject(value) ? { answer: value } : {});

/** A refusal for good: a domain error (or an error Nest raised for the request) that is not transient. */
function refusalOf(error: unknown): DomainError | undefined {
  const domain = isDomainError(error) ? error : domainErrorOf(error);
  return domain && !domain.transient ? domain : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
