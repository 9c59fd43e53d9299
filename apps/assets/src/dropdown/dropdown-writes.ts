import { Injectable } from '@nestjs/common';
import { commandMetadata, isSystemCaller, type Caller, type SystemCaller } from '@itsm/auth';
import type { DropdownKind } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { DropdownCatalogue } from './dropdown-catalogue';
import { dropdownDecider, dropdownStreamId } from './dropdown.decider';
import { placeKey } from './domain/dropdown-name';

export interface NewValue {
  kind: DropdownKind;
  entityId: string;
  name: string;
  recursive: boolean;
  parentId: string | null;
  /** absent, null or empty: none */
  comment?: string | null;
}

/** Adding a value to an entity's catalogue: the checks every way of adding one shares. */
@Injectable()
export class DropdownWrites {
  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly catalogue: DropdownCatalogue,
  ) {}

  /** A person needs asset.write in the entity; the platform (inventory, imports, seed) needs nothing. */
  assertMayWrite(caller: Caller | SystemCaller, entityId: string): void {
    if (isSystemCaller(caller)) return;
    if (!caller.rights.has('asset.write')) throw new DomainError('forbidden', 'catalogues need asset.write');
    if (!caller.scope.includes(entityId))
      throw new DomainError('forbidden', `entity ${entityId} is outside your scope`);
  }

  /** A location's parent must be a location usable in the entity. */
  async assertParent(value: NewValue): Promise<void> {
    if (value.parentId === null) return;
    const usable = await this.catalogue.usableIn('location', value.entityId);
    if (value.kind !== 'location' || !usable.some((location) => location.valueId === value.parentId)) {
      const message = `no location ${value.parentId} usable in entity ${value.entityId}`;
      throw new DomainError('rule', `parentId: ${message}`, { errors: [{ field: 'parentId', message }] });
    }
  }

  /** Appends the value unless (`unlessPresent`) one of the same name is there; the id of the one kept. */
  async add(caller: Caller | SystemCaller, value: NewValue, unlessPresent: boolean): Promise<string> {
    const valueId = newId();
    const { state } = await this.commands.execute(
      dropdownDecider,
      dropdownStreamId(value.kind, value.entityId),
      { type: 'add-value', valueId, ...value, comment: value.comment ?? null, unlessPresent },
      commandMetadata(caller, value.entityId),
    );
    return state.byPlace[placeKey(value.name, value.parentId)];
  }
}
