import { Injectable } from '@nestjs/common';
import { EventSourcedCommands } from '@itsm/runtime';
import {
  INVENTORY_RULES_STREAM,
  inventoryRulesDecider,
  ROOT_ENTITY_ID,
  type InventoryRulesState,
} from './inventory-rules.decider';

// every inventory reads the rules: read from the store at most this often per replica
const FRESH_MS = 5_000;

type Rules = InventoryRulesState & { defaultEntityId: string };

/** The inventory rules as they stand (one small stream); a change reaches every replica within seconds. */
@Injectable()
export class InventoryRulesReader {
  private cached?: { rules: Promise<Rules>; at: number };

  constructor(private readonly commands: EventSourcedCommands) {}

  current(): Promise<Rules> {
    if (!this.cached || Date.now() - this.cached.at > FRESH_MS) {
      const rules = this.load();
      this.cached = { rules, at: Date.now() };
      rules.catch(() => (this.cached = undefined));
    }
    return this.cached.rules;
  }

  /** After a change made here: read at once. */
  forget(): void {
    this.cached = undefined;
  }

  private async load(): Promise<Rules> {
    const { state } = await this.commands.load(inventoryRulesDecider, INVENTORY_RULES_STREAM);
    return { ...state, defaultEntityId: state.defaultEntityId ?? ROOT_ENTITY_ID };
  }
}
