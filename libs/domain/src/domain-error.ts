/**
 * What went wrong, by kind. The HTTP edge maps each to a status (`problemStatus` in the runtime);
 * consumers of Kafka retry a transient error and dead-letter the others.
 */
export const DOMAIN_ERROR_CODES = [
  'invalid', // the request is malformed or names something that cannot be (400)
  'unauthenticated', // no valid credentials (401)
  'forbidden', // a right or the entity scope is missing (403)
  'not_found', // nothing by that id the caller may see (404)
  'conflict', // it exists already, or changed meanwhile (409)
  'illegal_transition', // not from the state the aggregate is in (409)
  'too_large', // the request is bigger than allowed (413)
  'rule', // a business rule refuses it (422)
  'rate_limited', // too many attempts (429)
  'unavailable', // a dependency is down: try again later (503)
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

/** One field of a request that is wrong, and why. */
export interface FieldError {
  field: string;
  message: string;
}

export interface DomainErrorOptions {
  /** machine-readable facts about the refusal (ids, limits); shown to the caller */
  details?: Record<string, unknown>;
  /** the per-field problems of an invalid request */
  errors?: FieldError[];
  /** the same command may succeed later unchanged; defaults to true for `unavailable` only */
  transient?: boolean;
  /** when a transient error is worth trying again */
  retryAfterSeconds?: number;
}

/**
 * A refusal as a value: deciders return it, use cases return or throw it, and only the edges
 * (the HTTP exception filter, the Kafka command consumer) turn it into a status or a result.
 */
export class DomainError {
  readonly details?: Record<string, unknown>;
  readonly errors?: FieldError[];
  readonly transient: boolean;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: DomainErrorCode,
    readonly message: string,
    options: DomainErrorOptions = {},
  ) {
    if (options.details) this.details = options.details;
    if (options.errors) this.errors = options.errors;
    this.transient = options.transient ?? code === 'unavailable';
    if (options.retryAfterSeconds !== undefined) this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** A business rule's refusal (422) naming each field refused, its detail listing them; null when none is. */
export function fieldsRefusal(errors: FieldError[]): DomainError | null {
  if (errors.length === 0) return null;
  return new DomainError('rule', errors.map(({ field, message }) => `${field}: ${message}`).join('; '), { errors });
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** True when the same command may succeed later: a domain error says so; any other failure is presumed transient. */
export const isTransient = (error: unknown): boolean => (isDomainError(error) ? error.transient : true);

/** What a dependency that is away says: drivers' error names, or socket-level messages. */
const OUTAGE_NAMES =
  /^(MongoNetwork|MongoServerSelection|MongoNotConnected|MongoPoolCleared|KafkaJSConnection|KafkaJSNumberOfRetriesExceeded|KafkaJSRequestTimeout)/;
const OUTAGE_MESSAGES =
  /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|socket hang up|connection (is )?(closed|refused|reset)|not connected|timed out/i;

/**
 * How a consumer treats a failure: `final` can never succeed (dead-letter it now), `transient`
 * will once the dependency is back (retry without limit), `unknown` is a bug or a surprise
 * (a few attempts, then the dead letter).
 */
export function failureKind(error: unknown): 'final' | 'transient' | 'unknown' {
  if (isDomainError(error)) return error.transient ? 'transient' : 'final';
  if (error instanceof Error && (OUTAGE_NAMES.test(error.name) || OUTAGE_MESSAGES.test(error.message))) {
    return 'transient';
  }
  return 'unknown';
}
