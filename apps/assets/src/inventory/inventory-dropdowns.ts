import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { SystemCaller } from '@itsm/auth';
import type { AssetFields, DropdownKind } from '@itsm/contracts';
import { LRUCache } from 'lru-cache';
import { nameKey } from '../dropdown/domain/dropdown-name';
import { FindOrCreateValueCommand } from '../dropdown/use-cases/find-or-create-value/find-or-create-value.handler';
import type { InventoriedFields } from './domain/inventory.model';

/**
 * The computer's fields as the asset keeps them: manufacturer, model and type names become the
 * ids of catalogue values, found or created (names normalised, so "DELL Inc." meets "Dell Inc.").
 * Values are never deleted, so the ids found are kept in memory: a re-inventory asks nothing.
 */
@Injectable()
export class InventoryDropdowns {
  private readonly known = new LRUCache<string, string>({ max: 20_000 });

  constructor(private readonly commandBus: CommandBus) {}

  async assetFieldsOf(fields: InventoriedFields, entityId: string, caller: SystemCaller): Promise<AssetFields> {
    const valueOf = (kind: DropdownKind, name: string | undefined) =>
      name === undefined ? Promise.resolve(undefined) : this.valueId(kind, entityId, name, caller);
    const [manufacturerId, modelId, typeId] = await Promise.all([
      valueOf('manufacturer', fields.manufacturer),
      valueOf('computer-model', fields.model),
      valueOf('computer-type', fields.type),
    ]);
    const assetFields: AssetFields = {
      name: fields.name,
      serial: fields.serial,
      uuid: fields.uuid,
      manufacturerId,
      modelId,
      typeId,
    };
    return Object.fromEntries(Object.entries(assetFields).filter(([, value]) => value !== undefined));
  }

  private async valueId(kind: DropdownKind, entityId: string, name: string, caller: SystemCaller): Promise<string> {
    const key = `${kind}\u0000${entityId}\u0000${nameKey(name)}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const { valueId } = await this.commandBus.execute(new FindOrCreateValueCommand(caller, { kind, entityId, name }));
    this.known.set(key, valueId);
    return valueId;
  }
}
