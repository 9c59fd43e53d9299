import { Injectable } from '@nestjs/common';
import { commandMetadata, systemCaller } from '@itsm/auth';
import { DomainError } from '@itsm/domain';
import { KeyedQueue } from '@itsm/eventsourcing';
import { EventSourcedCommands, newId } from '@itsm/runtime';
import { assetDecider, assetStreamId, type AssetCommand } from '../../../asset/asset.decider';
import type { AssetState } from '../../../asset/asset.state';
import { ComputerMatcher } from '../../computer-matcher';
import type { AgentIdentity } from '../../domain/agent-credentials';
import { entityFor } from '../../domain/import-rules';
import type { NormalisedInventory } from '../../domain/inventory.model';
import { InventoryDropdowns } from '../../inventory-dropdowns';
import { InventoryRulesReader } from '../../inventory-rules.reader';

const INVENTORY = systemCaller('assets.inventory');

export interface InventoryOutcome {
  assetId: string;
  created: boolean;
  /** what the inventory recorded: asset.inventory-applied, or only asset.seen */
  recorded: 'inventory-applied' | 'seen';
}

/**
 * An agent's inventory applied to its computer, found by the import rules or created in the
 * entity the entity rules (or the agent's token) give: the computer's fields (locked ones left
 * alone) and its composition's changes are one commit, or nothing is written.
 */
@Injectable()
export class ApplyAgentInventory {
  // one device's inventories one at a time here, so that two first ones do not make two computers
  private readonly devices = new KeyedQueue();

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly matcher: ComputerMatcher,
    private readonly rules: InventoryRulesReader,
    private readonly dropdowns: InventoryDropdowns,
  ) {}

  apply(inventory: NormalisedInventory, agent: AgentIdentity, address?: string): Promise<InventoryOutcome> {
    return this.devices.run(inventory.deviceId, async () => {
      try {
        return await this.applyNow(inventory, agent, address);
      } catch (error) {
        // the computer this device was linked to is gone (purged): look it up again, once
        if (!(error instanceof DomainError && error.code === 'not_found')) throw error;
        this.matcher.forget(inventory.deviceId);
        return this.applyNow(inventory, agent, address, true);
      }
    });
  }

  private async applyNow(
    inventory: NormalisedInventory,
    agent: AgentIdentity,
    address?: string,
    retried = false,
  ): Promise<InventoryOutcome> {
    const rules = await this.rules.current();
    const found = await this.matcher.find(inventory, rules.importRules);
    // a purged computer's documents may linger until the read models catch up: a retry creates anew
    const matched = retried && found && found.rule === 'Agent' ? null : found;
    const entityId =
      matched?.entityId ?? entityFor(inventory, address, rules.entityRules, agent.entityId ?? rules.defaultEntityId);
    const fields = await this.dropdowns.assetFieldsOf(inventory.fields, entityId, INVENTORY);
    const assetId = matched?.assetId ?? newId();
    const { deviceId, format, agentVersion, tag, composition } = inventory;
    const { state } = await this.commands.executeOnState(
      assetDecider,
      assetStreamId(assetId),
      (current: AssetState) => {
        const identity: AssetCommand[] =
          current.assetId === null
            ? [{ type: 'create-asset', assetId, assetType: 'computer', entityId, dynamic: true, fields }]
            : current.trashed
              ? [] // a computer in the trash keeps its fields until restored; its composition follows
              : [{ type: 'update-asset', changes: fields, source: 'inventory' }];
        return {
          commands: [...identity, { type: 'apply-inventory', deviceId, format, agentVersion, tag, composition }],
          metadata: commandMetadata(INVENTORY, current.entityId ?? entityId),
        };
      },
      matched ? {} : { newStream: true },
    );
    this.matcher.remember(deviceId, { assetId, entityId: state.entityId ?? entityId, rule: 'Agent' });
    return { assetId, created: matched === null, recorded: state.inventory.lastRecorded ?? 'seen' };
  }
}
