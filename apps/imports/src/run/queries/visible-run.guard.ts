import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@itsm/auth';
import { ImportRunQueries } from './import-run.queries';

/**
 * The run of the route's `:id` is one the caller sees: a 404 problem otherwise. For the
 * Server-Sent Events route, whose headers go out as soon as its handler returns: an error after
 * that can only be an event, and the client would read a 200.
 */
@Injectable()
export class VisibleRunGuard implements CanActivate {
  constructor(private readonly runs: ImportRunQueries) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ caller?: Caller; params: { id?: string } }>();
    // after the access guard: a route reached here has its caller
    await this.runs.visible(request.caller!, request.params.id ?? '');
    return true;
  }
}
