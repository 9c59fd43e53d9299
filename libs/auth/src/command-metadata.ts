import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@itsm/contracts';
import { isSystemCaller, type Caller, type SystemCaller } from '@itsm/domain';

/** What led to a command: the request or flow it belongs to, the event that caused it. */
export type CommandCause = Partial<Pick<EventMetadata, 'correlationId' | 'causationId'>>;

/**
 * Who and what caused the events of one command: the signed-in caller, or a platform component
 * (`systemCaller('tickets.auto-close')`). A command gets its own causation id unless an event caused it.
 */
export function commandMetadata(
  actor: Pick<Caller, 'userId'> | SystemCaller,
  entityId: string,
  { correlationId = randomUUID(), causationId = randomUUID() }: CommandCause = {},
): EventMetadata {
  return {
    entityId,
    actor: isSystemCaller(actor) ? { kind: 'system', id: actor.system } : { kind: 'user', id: actor.userId },
    correlationId,
    causationId,
  };
}
