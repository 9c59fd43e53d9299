import { commandMetadata, type Caller } from '@itsm/auth';
import type { EventMetadata } from '@itsm/contracts';

/** Identity's commands come from a signed-in caller, or from identity itself (first start, seed). */
export function metadataFor(actor: Pick<Caller, 'userId'> | 'system', entityId: string): EventMetadata {
  return commandMetadata(actor === 'system' ? { system: 'identity' } : actor, entityId);
}
