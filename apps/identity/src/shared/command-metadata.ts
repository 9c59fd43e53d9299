import { randomUUID } from 'node:crypto';
import type { Caller } from '@itsm/auth';
import type { EventMetadata } from '@itsm/contracts';

/** Who and what caused the events of one command: every command gets its own causation id. */
export function metadataFor(
  actor: Pick<Caller, 'userId'> | 'system',
  entityId: string,
  correlationId?: string,
): EventMetadata {
  return {
    entityId,
    actor: actor === 'system' ? { kind: 'system', id: 'identity' } : { kind: 'user', id: actor.userId },
    correlationId: correlationId ?? randomUUID(),
    causationId: randomUUID(),
  };
}
