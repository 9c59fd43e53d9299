import { Injectable } from '@nestjs/common';
import { commandMetadata, systemCaller } from '@itsm/auth';
import type { AssetFields } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import { KeyedQueue } from '@itsm/eventsourcing';
import { EventSourcedCommands } from '@itsm/runtime';
import { assetDecider, assetStreamId, type AssetCommand } from '../../../asset/asset.decider';
import type { AssetState } from '../../../asset/asset.state';
import { ComputerMatcher } from '../../computer-matcher';
import type { AgentIdentity } from '../../domain/agent-credentials';
import { entityFor } from '../../domain/import-rules';
import { deviceComputerId } from '../../domain/match-keys';
import type { NormalisedInventory } from '../../domain/inventory.model';
import { InventoryDropdowns } from '../../inventory-dropdowns';
import { InventoryRulesReader } from '../../inventory-rules.reader';

const INVENTORY = systemCaller('assets.inventory');
/** a device whose computers are purged again and again while it reports: given up after these */
const MAX_PURGED = 5;

/** The computer an inventory is written to, and how. */
interface Target {
  assetId: string;
  entityId: string;
  fields: AssetFields;
  /** found by the rules (else created, unless another replica created it just before) */
  matched: boolean;
}

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
  // one device's inventories one at a time here; between replicas, its computer's derived id and
  // the stream's version decide
  private readonly devices = new KeyedQueue();

  constructor(
    private readonly commands: EventSourcedCommands,
    private readonly matcher: ComputerMatcher,
    private readonly rules: InventoryRulesReader,
    private readonly dropdowns: InventoryDropdowns,
  ) {}

  apply(inventory: NormalisedInventory, agent: AgentIdentity, address?: string): Promise<InventoryOutcome> {
    return this.devices.run(inventory.deviceId, async () => {
      let target = await this.targetOf(inventory, agent, address);
      for (let attempt = 1; ; attempt++) {
        try {
          return await this.write(inventory, target);
        } catch (error) {
          if (!(error instanceof DomainError && error.code === 'not_found') || attempt === MAX_PURGED) throw error;
          // the computer was purged (this replica's index may not know yet): the device gets a
          // computer of its own, whose id derives from the purged one's, alike on every replica
          target = await this.targetOf(inventory, agent, address, target.assetId);
        }
      }
    });
  }

  /** The computer to write: the one the rules find, else a new one of the device's (not the purged one). */
  private async targetOf(
    inventory: NormalisedInventory,
    agent: AgentIdentity,
    address?: string,
    purged?: string,
  ): Promise<Target> {
    const rules = await this.rules.current();
    const found = await this.matcher.find(inventory, rules.importRules);
    const matched = found && found.assetId !== purged ? found : null;
    const entityId =
      matched?.entityId ?? entityFor(inventory, address, rules.entityRules, agent.entityId ?? rules.defaultEntityId);
    const fields = await this.dropdowns.assetFieldsOf(inventory.fields, entityId, INVENTORY);
    const assetId = matched?.assetId ?? deviceComputerId(inventory.deviceId, purged);
    return { assetId, entityId, fields, matched: matched !== null };
  }

  private async write(inventory: NormalisedInventory, { assetId, entityId, fields, matched }: Target) {
    const { deviceId, format, agentVersion, tag, composition } = inventory;
    let created = false;
    const { state } = await this.commands.executeOnState(
      assetDecider,
      assetStreamId(assetId),
      (current: AssetState) => {
        created = current.assetId === null;
        const identity: AssetCommand[] = created
          ? [{ type: 'create-asset', assetId, assetType: 'computer', entityId, dynamic: true, fields }]
          : current.trashed
            ? [] // a computer in the trash keeps its fields until restored; its composition follows
            : [{ type: 'update-asset', changes: fields, source: 'inventory' }];
        return {
          commands: [...identity, { type: 'apply-inventory', deviceId, format, agentVersion, tag, composition }],
          metadata: commandMetadata(INVENTORY, current.entityId ?? entityId),
        };
      },
      // the agent needs no read model: its answer waits only for the commit
      { newStream: !matched, readModels: 'behind' },
    );
    return { assetId, created, recorded: state.inventory.lastRecorded ?? 'seen' };
  }
}
