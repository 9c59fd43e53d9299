import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { tap, type Observable } from 'rxjs';

/**
 * How long the steps of one request took, sent back as W3C `Server-Timing` (`guards;dur=0.41,
 * caller-limit;dur=0.3, index;dur=0.2, handler;dur=1.1, total;dur=1.6`, in ms): a client, the
 * benchmarks or the browser's network panel see where a slow answer spent its time.
 */
export class StepTimings {
  private readonly arrivedAt = performance.now();
  private readonly steps: Array<[string, number]> = [];

  /** Times `work` as the step `name` (a step repeated is added up). */
  async time<T>(name: string, work: () => Promise<T> | T): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(name, performance.now() - started);
    }
  }

  add(name: string, ms: number): void {
    const known = this.steps.find(([step]) => step === name);
    if (known) known[1] += ms;
    else this.steps.push([name, ms]);
  }

  /** Since the request arrived (its first middleware). */
  sinceArrival(): number {
    return performance.now() - this.arrivedAt;
  }

  header(): string {
    return this.steps.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(', ');
  }
}

interface TimedRequest {
  timings?: StepTimings;
}

/** The request's timings (a request not through the service's middleware gets fresh ones). */
export function timingsOf(request: TimedRequest): StepTimings {
  request.timings ??= new StepTimings();
  return request.timings;
}

/** The first middleware's part: the request's clock starts on arrival. */
export function startTimings(request: TimedRequest): void {
  request.timings = new StepTimings();
}

/**
 * The first interceptor (after every guard): `guards` is the time from arrival to here
 * (middleware, address limit, access guard), `handler` the rest up to the answer's value (the
 * caller's limit, validation, the handler's own steps), `total` both; the header goes out with
 * the answer.
 */
@Injectable()
export class ServerTimingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const timings = timingsOf(http.getRequest<TimedRequest>());
    const response = http.getResponse<{ setHeader(name: string, value: string): void; headersSent?: boolean }>();
    timings.add('guards', timings.sinceArrival());
    const entered = performance.now();
    return next.handle().pipe(
      tap(() => {
        timings.add('handler', performance.now() - entered);
        timings.add('total', timings.sinceArrival());
        if (!response.headersSent) response.setHeader('Server-Timing', timings.header());
      }),
    );
  }
}
