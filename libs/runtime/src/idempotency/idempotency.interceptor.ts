import {
  applyDecorators,
  Injectable,
  Logger,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { DomainError } from '@itsm/domain';
import { requestKeyReused } from '@itsm/eventsourcing';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { IdempotentAnswers } from './idempotent-answers.store';
import { requestFingerprint, sha256, withinIdempotentRequest } from './idempotent-request';

interface KeyedRequest {
  method: string;
  originalUrl: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  ip?: string;
  caller?: { userId: string };
}
interface Response {
  setHeader(name: string, value: string): void;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,128}$/;
const KEY_MESSAGE = 'must be 1 to 128 visible ASCII characters';

/**
 * A creation route honours an `Idempotency-Key` header: a retry with the same key gets the first
 * answer (same status and body) and never makes a second resource; the same key with another
 * request is a 422.
 */
export const Idempotent = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: `a retry with the same key (${KEY_MESSAGE}) gets the first answer, never a second resource`,
    }),
    UseInterceptors(IdempotencyInterceptor),
  );

/**
 * The first answer to a keyed request is recorded and sent again to its retries. What decides is
 * the event store: the request's first write carries the key under a unique index, so a retry
 * whose first attempt wrote but never answered (cut, crashed, or still running) decides nothing
 * again and is answered from the state that write left.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly answers: IdempotentAnswers) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<KeyedRequest>();
    const clientKey = request.headers['idempotency-key'];
    if (clientKey === undefined) return next.handle();
    if (typeof clientKey !== 'string' || !IDEMPOTENCY_KEY.test(clientKey)) {
      throw new DomainError('invalid', `Idempotency-Key ${KEY_MESSAGE}`, {
        errors: [{ field: 'Idempotency-Key', message: KEY_MESSAGE }],
      });
    }
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.answer(request, response, clientKey, next));
  }

  private async answer(request: KeyedRequest, response: Response, clientKey: string, next: CallHandler) {
    // the caller's own key: another caller's same key is another request
    const key = sha256(`${request.caller?.userId ?? `address ${request.ip}`}\n${clientKey}`);
    const fingerprint = requestFingerprint([request.method, request.originalUrl, request.body]);
    const first = await this.answers.find(key);
    if (first) {
      if (first.fingerprint !== fingerprint) throw requestKeyReused();
      // the status is the route's own: only successes are recorded
      response.setHeader('Idempotent-Replayed', 'true');
      return first.body === '' ? undefined : (JSON.parse(first.body) as unknown);
    }
    // the handler runs within the request's scope: Nest binds it to where handle() is called
    const body = await withinIdempotentRequest({ key, fingerprint }, () => lastValueFrom(next.handle()));
    const answer = { _id: key, fingerprint, body: body === undefined ? '' : JSON.stringify(body) };
    // the answer is right either way: a retry not finding it is answered from the store's state
    await this.answers.record(answer).catch((error: Error) => {
      this.logger.warn(`the answer to a keyed request was not recorded: ${error.message}`);
    });
    return body;
  }
}
