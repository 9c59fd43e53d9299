import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@itsm/contracts';
import type { Caller } from '@itsm/domain';

/**
 * Who and what caused the events of one command: the signed-in caller, or a named platform
 * component ('identity', 'tickets.auto-close'…). Every command gets its own causation id.
 */
export function commandMetadata(
  actor: Pick<Caller, 'userId'> | { system: string },
  entityId: string,
  correlationId: string = randomUUID(),
): EventMetadata {
  return {
    entityId,
    actor: 'system' in actor ? { kind: 'system', id: actor.system } : { kind: 'user', id: actor.userId },
    correlationId,
    causationId: randomUUID(),
  };
}
