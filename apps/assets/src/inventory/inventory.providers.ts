import type { Provider } from '@nestjs/common';
import { INVENTORY_SETTINGS } from '../assets.tokens';
import { ComputerMatchIndex } from './computer-match-index';
import { ComputerMatcher } from './computer-matcher';
import { ComputerCompositionHttpController, InventoryAdminHttpController } from './inventory-admin.http.controller';
import { InventoryDropdowns } from './inventory-dropdowns';
import { InventoryRulesReader } from './inventory-rules.reader';
import { loadInventorySettings } from './inventory.env';
import { InventoryHttpController } from './inventory.http.controller';
import { InventoryQueries } from './queries/inventory-queries';
import { computerCompositionProjection } from './read-models/computer-composition.projection';
import { computerMatchKeysProjection } from './read-models/computer-match-keys.projection';
import { inventoryAgentsProjection } from './read-models/inventory-agents.projection';
import { ApplyAgentInventory } from './use-cases/receive-agent-message/apply-agent-inventory';
import { ReceiveAgentMessageHandler } from './use-cases/receive-agent-message/receive-agent-message.handler';
import { ReorderInventoryRulesHandler } from './use-cases/reorder-inventory-rules/reorder-inventory-rules.handler';
import { SetInventoryRulesHandler } from './use-cases/set-inventory-rules/set-inventory-rules.handler';

// Agent inventory's share of the assets module, listed once here.

export const inventoryProjections = [
  inventoryAgentsProjection,
  computerCompositionProjection,
  computerMatchKeysProjection,
];

export const inventoryControllers = [
  InventoryHttpController,
  InventoryAdminHttpController,
  ComputerCompositionHttpController,
];

export const inventoryProviders = (env: Record<string, string | undefined>): Provider[] => [
  { provide: INVENTORY_SETTINGS, useValue: loadInventorySettings(env) },
  ComputerMatchIndex,
  ComputerMatcher,
  InventoryDropdowns,
  InventoryRulesReader,
  InventoryQueries,
  ApplyAgentInventory,
  ReceiveAgentMessageHandler,
  SetInventoryRulesHandler,
  ReorderInventoryRulesHandler,
];
