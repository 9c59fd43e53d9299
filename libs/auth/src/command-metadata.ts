import { randomUUID } from 'node:crypto';
import type { EventMetadata } from '@itsm/contracts';
import { currentFlow } from '@itsm/messaging';
import { isSystemCaller, type Caller, type SystemCaller } from '@itsm/domain';

/** What led to a command: the request or flow it belongs to, the event that caused it. */
export type CommandCause = Partial<Pick<EventMetadata, 'correlationId' | 'causationId'>>;

/**
 * Who and what caused the events of one command: the signed-in caller, or a platform component
 * (`systemCaller('tickets.auto-close')`). Unless told, the command belongs to the flow it runs in
 * (an HTTP request: its request id; an event handled: the event's correlation id, and the event
 * as the cause); a command of no flow (a timer) starts one, and gets its own causation id.
 */
export function commandMetadata(
  actor: Pick<Caller, 'userId'> | SystemCaller,
  entityId: string,
  {
    correlationId = currentFlow()?.correlationId ?? randomUUID(),
    causationId = currentFlow()?.causationId ?? randomUUID(),
  }: CommandCause = {},
): EventMetadata {
  return {
    entityId,
    actor: isSystemCaller(actor) ? { kind: 'system', id: actor.system } : { kind: 'user', id: actor.userId },
    correlationId,
    causationId,
  };
}
