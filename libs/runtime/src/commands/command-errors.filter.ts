import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands every failure of a command handler (guard, validation, use case) back to the command
 * server as it was thrown: the server tells a refusal from a failure worth retrying.
 */
@Catch()
export class CommandErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
