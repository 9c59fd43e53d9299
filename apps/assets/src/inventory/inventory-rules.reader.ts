import { Injectable } from '@nestjs/common';
import { EventSourcedCommands } from '@itsm/runtime';
import { INVENTORY_RULES_STREAM, inventoryRulesDecider, type InventoryRulesState } from './inventory-rules.decider';

// the root entity identity creates first: where computers go when nothing else says
const ROOT_ENTITY_ID = 'root';

/** The inventory rules as they stand (one small stream, remembered by the command path). */
@Injectable()
export class InventoryRulesReader {
  constructor(private readonly commands: EventSourcedCommands) {}

  async current(): Promise<InventoryRulesState & { defaultEntityId: string }> {
    const { state } = await this.commands.load(inventoryRulesDecider, INVENTORY_RULES_STREAM);
    return { ...state, defaultEntityId: state.defaultEntityId ?? ROOT_ENTITY_ID };
  }
}
