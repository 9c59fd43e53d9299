import { HttpException } from '@nestjs/common';
import { DomainError, failureKind, isDomainError, type DomainErrorCode, type FieldError } from '@itsm/domain';

/** An RFC 9457 problem document, as every error of every service is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: DomainErrorCode | 'internal';
  instance?: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const STATUS: Record<DomainErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  illegal_transition: 409,
  too_large: 413,
  rule: 422,
  rate_limited: 429,
  unavailable: 503,
};

const TITLE: Record<Problem['code'], string> = {
  invalid: 'Invalid request',
  unauthenticated: 'Authentication required',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  illegal_transition: 'Not allowed in this state',
  too_large: 'Request too large',
  rule: 'Refused by a business rule',
  rate_limited: 'Too many requests',
  unavailable: 'Service unavailable',
  internal: 'Internal error',
};

/** The HTTP status a domain error is answered with. */
export const statusOf = (code: DomainErrorCode): number => STATUS[code];

export const problemType = (code: Problem['code']): string => `urn:itsm:problem:${code}`;

/** Any failure as the problem answered for it; `internal` for what no one planned (logged by the caller). */
export function problemOf(error: unknown, instance?: string): Problem {
  const domain = domainErrorOf(error);
  if (!domain) return { ...base('internal', 500, 'the service failed to answer; it is logged'), instance };
  const problem: Problem = { ...base(domain.code, statusOf(domain.code), domain.message), instance };
  if (domain.errors) problem.errors = domain.errors;
  if (domain.details) problem.details = domain.details;
  return problem;
}

/** Domain errors as they are; Nest's and Express's HTTP errors and driver outages translated. */
export function domainErrorOf(error: unknown): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (error instanceof HttpException) return fromStatus(error.getStatus(), messageOf(error.getResponse()));
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  // body-parser's errors (malformed JSON, too large) carry a 4xx status and a safe message
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return fromStatus(status, (error as Error).message);
  }
  // a driver whose server is away: worth a retry, never a 500
  if (failureKind(error) === 'transient') {
    return new DomainError('unavailable', 'a dependency of the service is unavailable; try again shortly', {
      retryAfterSeconds: 5,
    });
  }
  return undefined;
}

function fromStatus(status: number, message: string): DomainError | undefined {
  const code = (Object.keys(STATUS) as DomainErrorCode[]).find((candidate) => STATUS[candidate] === status);
  if (code) return new DomainError(code, message);
  return status >= 400 && status < 500 ? new DomainError('invalid', message) : undefined;
}

function messageOf(response: string | object): string {
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.join('; ');
  return typeof message === 'string' ? message : JSON.stringify(response);
}

function base(code: Problem['code'], status: number, detail: string) {
  return { type: problemType(code), title: TITLE[code], status, detail, code };
}
