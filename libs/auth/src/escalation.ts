import { DomainError, type Caller } from '@itsm/domain';
import type { EntityTree } from './entity-tree';

// Identity's rules against escalation: its handlers apply them, and an import's dry run foresees
// with them what identity will refuse.

/** The rights in `wanted` that `held` lacks: nobody hands out or manages more than they hold. */
export function missingRights(held: ReadonlySet<string>, wanted: Iterable<string>): string[] {
  return [...new Set(wanted)].filter((right) => !held.has(right)).sort();
}

/** A technician cannot take over an administrator: the target's rights must all be the caller's. */
export function assertMayManage(caller: Caller, targetRights: Iterable<string>, what: string): void {
  const missing = missingRights(caller.rights, targetRights);
  if (missing.length > 0) {
    throw new DomainError('forbidden', `${what} holds rights your profile lacks (${missing.join(', ')})`);
  }
}

/** An authorization reaches its entity, and with recursive its whole sub-tree: all of it in scope. */
export function assertReachable(caller: Caller, tree: EntityTree, entityId: string, recursive: boolean): void {
  const outside = tree.scopeOf(entityId, recursive).filter((id) => !caller.scope.includes(id));
  if (outside.length > 0 || !caller.scope.includes(entityId)) {
    throw new DomainError(
      'forbidden',
      recursive
        ? `entity ${entityId} and its sub-entities are outside your scope`
        : `entity ${entityId} is outside your scope`,
    );
  }
}
