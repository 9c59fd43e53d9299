import type { Right } from './rights';

/** Who is calling, as a use case sees it: identity, rights and the entities they reach. */
export interface Caller {
  userId: string;
  login: string;
  displayName: string;
  profileId: string;
  rights: ReadonlySet<string>;
  entityId: string;
  recursive: boolean;
  sessionId: string;
  /** entity ids the caller may see */
  scope: readonly string[];
}

/**
 * The platform acting by itself (first start, seeds, timers, reactions to other services' events):
 * no rights nor scope apply, and its events name the component as their system actor.
 */
export interface SystemCaller {
  /** e.g. 'identity', 'tickets.auto-close' */
  system: string;
}

export const systemCaller = (component: string): SystemCaller => ({ system: component });

export const isSystemCaller = (caller: object): caller is SystemCaller => 'system' in caller;

export function can(caller: Pick<Caller, 'rights'>, right: Right): boolean {
  return caller.rights.has(right);
}

export function inScope(caller: Pick<Caller, 'scope'>, entityId: string): boolean {
  return caller.scope.includes(entityId);
}
