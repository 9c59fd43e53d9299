import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Caller } from '@itsm/domain';

export const IS_PUBLIC = 'itsm:auth:public';

/** The route (or every route of the controller) needs no access token. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

export { REQUIRED_RIGHTS, RequireRights } from '@itsm/runtime';

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
