import {
  acceptedResult,
  refusedResult,
  type CommandEnvelope,
  type CommandResult,
  type ResultStamp,
} from '@itsm/contracts';
import { DomainError, isDomainError } from '@itsm/domain';
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
    const answer = isPlainObject(outcome.value) ? { answer: outcome.value } : {};
    const data = { streamId: written?.streamId ?? command.streamId, version: written?.version ?? null, ...answer };
    return acceptedResult(command, data, stamp);
  }
  const refusal = refusalOf(outcome.error);
  if (!refusal) return undefined;
  const { code, message, errors, details } = refusal;
  return refusedResult(command, { code, message, ...(errors && { errors }), ...(details && { details }) }, stamp);
}

/** A refusal for good: a domain error (or an error Nest raised for the request) that is not transient. */
function refusalOf(error: unknown): DomainError | undefined {
  const domain = isDomainError(error) ? error : domainErrorOf(error);
  return domain && !domain.transient ? domain : undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
