import { Injectable } from '@nestjs/common';
import { EntityTreeReader, type Caller } from '@itsm/auth';
import { DomainError, reaches, type EntityHold } from '@itsm/domain';

/**
 * What is held on an entity (a software, a licence) and who sees it: the caller's entities, and
 * the recursive holds of the entities above (GLPI's getEntitiesRestrictCriteria).
 */
@Injectable()
export class HeldVisibility {
  constructor(private readonly tree: EntityTreeReader) {}

  async filter(caller: Caller): Promise<Record<string, unknown>> {
    const above = (await this.tree.tree()).ancestorsOf(caller.entityId);
    const scope = { entityId: { $in: [...caller.scope] } };
    return above.length === 0 ? scope : { $or: [scope, { recursive: true, entityId: { $in: above } }] };
  }

  /** Whether the hold serves an entity: held there, or recursive from above it. */
  async serves(hold: EntityHold, entityId: string): Promise<boolean> {
    return reaches(hold, entityId, (await this.tree.tree()).ancestorsOf(entityId));
  }

  async sees(caller: Caller, hold: EntityHold): Promise<boolean> {
    if (caller.scope.includes(hold.entityId)) return true;
    return reaches(hold, caller.entityId, (await this.tree.tree()).ancestorsOf(caller.entityId));
  }

  /** What was found, when the caller sees it; else a 404 (`what` names it: "software 0190…"). */
  async seen<Hold extends EntityHold>(caller: Caller, found: Hold | null, what: string): Promise<Hold> {
    if (!found || !(await this.sees(caller, found))) throw new DomainError('not_found', `no ${what} you can see`);
    return found;
  }
}
