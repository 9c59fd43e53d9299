import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessTokenVerifier, InvalidAccessTokenError, type VerifiedClaims } from './access-token';
import { callerFrom } from './caller';
import { IS_PUBLIC, REQUIRED_RIGHTS } from './decorators';
import { EntityTreeReader } from './entity-tree.reader';
import { RevocationListReader } from './revocation-list.reader';
import { DomainError, type Caller, type Right } from '@itsm/domain';

interface GuardedRequest {
  path: string;
  headers: { authorization?: string };
  caller?: Caller;
}

/** A command received over Kafka (the runtime's KafkaCommandContext): its caller's token, and where the caller goes. */
interface GuardedCommand {
  accessToken: string;
  caller?: Caller;
}

/** The handler and its controller, whose metadata name the required rights. */
type HandlerTargets = Array<ReturnType<ExecutionContext['getHandler']>>;

// RuntimeModule's Kubernetes probes carry no data and must answer without a token
const PROBES = /^\/health\/(live|ready)$/;

/**
 * Global guard: every route needs a valid bearer token, not revoked since it was signed, and its
 * required rights, unless @Public(). Commands received over Kafka go through it too: their token,
 * their handler's required rights.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: AccessTokenVerifier,
    private readonly entityTree: EntityTreeReader,
    private readonly revocations: RevocationListReader,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (context.getType() === 'rpc') {
      const command = context.switchToRpc().getContext<GuardedCommand>();
      command.caller = await this.admit(command.accessToken, targets);
      return true;
    }
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) || PROBES.test(request.path)) return true;
    const token = /^Bearer ([^\s]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!token) throw new DomainError('unauthenticated', 'missing bearer token');
    request.caller = await this.admit(token, targets);
    return true;
  }

  /** The caller a token names, with its entity scope, once it holds every right the handler requires. */
  private async admit(token: string, targets: HandlerTargets): Promise<Caller> {
    const claims = this.verify(token);
    await this.refuseIfRevoked(claims);
    const caller = callerFrom(claims, await this.scopeOf(claims));
    const missing = this.reflector
      .getAllAndMerge<Right[]>(REQUIRED_RIGHTS, targets)
      .find((right) => !caller.rights.has(right));
    if (missing) throw new DomainError('forbidden', `missing right ${missing}`);
    return caller;
  }

  private verify(token: string): VerifiedClaims {
    try {
      return this.verifier.verify(token);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw new DomainError('unauthenticated', error.message);
      throw error;
    }
  }

  /** In memory; the entity tree is read only for a user whose authorizations were revoked lately. */
  private async refuseIfRevoked(claims: VerifiedClaims): Promise<void> {
    const list = await this.revocations.list();
    if (!list.concerns(claims.sub)) return;
    const refusal = list.refusalOf(claims, await this.entityTree.tree());
    if (refusal) throw new DomainError(refusal.code, refusal.detail);
  }

  // an active entity the tree does not know yet (it lags identity) still scopes to itself
  private async scopeOf(claims: VerifiedClaims): Promise<string[]> {
    return claims.rec ? (await this.entityTree.tree()).scopeOf(claims.eid, true) : [claims.eid];
  }
}
