import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, problemOf, domainErrorOf } from './problem';

/** The parts of Express's request and response the answer needs. */
interface Request {
  method: string;
  originalUrl: string;
}
interface Response {
  headersSent: boolean;
  setHeader(name: string, value: string): void;
  status(code: number): Response;
  type(contentType: string): Response;
  send(body: string): void;
}

/**
 * The one place where failures become HTTP answers: every error, whatever threw it, is answered
 * as application/problem+json. What no one planned is a 500 that says nothing of its cause,
 * logged with its stack, its causes and its fields.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    sendProblem(exception, request, response, this.logger);
  }
}

/** Express error middleware for what fails before Nest routes (body parsing, the depth check). */
export function problemMiddleware(logger: Logger) {
  return (error: unknown, request: Request, response: Response, _next: (error?: unknown) => void): void =>
    sendProblem(error, request, response, logger);
}

function sendProblem(exception: unknown, request: Request, response: Response, logger: Logger): void {
  const problem = problemOf(exception, request.originalUrl?.split('?')[0]);
  if (problem.status === 500) {
    // as `err`: pino's serializer writes the stack with its causes, and the error's fields (a
    // driver's code, the duplicate key's value)
    logger.error({ msg: `${request.method} ${request.originalUrl} failed`, err: exception });
  }
  if (response.headersSent) return;
  const retryAfter = domainErrorOf(exception)?.retryAfterSeconds;
  if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
  response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}
