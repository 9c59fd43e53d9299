import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@itsm/domain';
import type { Right } from '@itsm/domain';

export const IS_PUBLIC = 'itsm:auth:public';
export const REQUIRED_RIGHTS = 'itsm:auth:rights';

/** The route (or every route of the controller) needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The caller needs every one of these rights; on a controller and a route, both lists apply. */
export const RequireRights = (...rights: Right[]) => SetMetadata(REQUIRED_RIGHTS, rights);

/** The verified caller that AccessGuard put on the request, or on the command received over Kafka. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const holder =
    context.getType() === 'rpc'
      ? context.switchToRpc().getContext<{ caller?: Caller }>()
      : context.switchToHttp().getRequest<{ caller?: Caller }>();
  const caller = holder.caller;
  // only a @Public() route has none: asking for it there is a programming error
  if (!caller) throw new Error('@CurrentCaller() used on a route without a caller (a @Public() one?)');
  return caller;
});
