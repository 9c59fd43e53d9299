import { DomainError } from '@itsm/domain';
import { Injectable } from '@nestjs/common';
import type { Collection, Document } from 'mongodb';
import { EntityTreeReader, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';

/**
 * Calendars, SLAs and rules belong to an entity; recursive ones also serve its sub-entities
 * (GLPI's is_recursive). A caller sees those of their scope and the recursive ones above it.
 */
@Injectable()
export class DefinitionScope {
  constructor(private readonly tree: EntityTreeReader) {}

  async visibleFilter(caller: Caller): Promise<Record<string, unknown>> {
    const above = (await this.tree.tree()).ancestorsOf(caller.entityId);
    return { $or: [{ entityId: { $in: [...caller.scope] } }, { recursive: true, entityId: { $in: above } }] };
  }

  /** Definitions that apply to an entity's tickets: its own, and recursive ones of its ancestors. */
  async applicableTo(entityId: string): Promise<Record<string, unknown>> {
    const above = (await this.tree.tree()).ancestorsOf(entityId);
    return { $or: [{ entityId }, { recursive: true, entityId: { $in: above } }] };
  }

  /** The one definition matching `filter` that the caller sees; a 404 naming `what` otherwise. */
  async findVisible<Doc extends Document>(
    collection: Collection<Doc>,
    caller: Caller,
    filter: Record<string, unknown>,
    what: string,
  ): Promise<Doc> {
    const found = await collection.findOne({ $and: [filter, await this.visibleFilter(caller)] } as never);
    if (!found) throw new DomainError('not_found', `unknown ${what}`);
    return found as Doc;
  }

  assertWritable(caller: Caller | SystemCaller, entityId: string): void {
    if (!isSystemCaller(caller) && !caller.scope.includes(entityId)) {
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
    }
  }
}
