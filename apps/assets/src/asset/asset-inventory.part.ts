import type { AssetInventoryApplied, AssetSeen } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import type { DeciderPart } from '../shared/decider-parts';
import {
  applyChanges,
  compositionChanged,
  diffComposition,
  everythingAdded,
  firstInventoryBase,
} from '../inventory/domain/inventory-diff';
import { emptyComposition, type Composition, type InventoryFormat } from '../inventory/domain/inventory.model';
import type { AssetState } from './asset.state';

/** The composition an agent last reported, folded from the computer's inventory events. */
export interface InventorySlice {
  inventoried: boolean;
  deviceId: string | null;
  composition: Composition;
  /** what the last inventory recorded: its changes, or only that the computer was seen */
  lastRecorded: 'inventory-applied' | 'seen' | null;
}

export const initialInventorySlice = (): InventorySlice => ({
  inventoried: false,
  deviceId: null,
  composition: emptyComposition(),
  lastRecorded: null,
});

export interface ApplyInventoryCommand {
  type: 'apply-inventory';
  deviceId: string;
  format: InventoryFormat;
  agentVersion: string | null;
  tag: string | null;
  composition: Composition;
}

type InventoryEvent = AssetInventoryApplied | AssetSeen;

/**
 * A re-inventory records only what changed (a first one: everything, as added); an unchanged one
 * only marks the computer seen, with the free space that moved.
 */
function decide(command: ApplyInventoryCommand, state: AssetState): InventoryEvent[] | DomainError {
  if (state.assetId === null || state.purged) return new DomainError('not_found', 'no such asset');
  if (state.assetType !== 'computer') {
    return new DomainError('rule', `an agent inventory describes a computer, not a ${state.assetType}`);
  }
  const { composition, type: _command, ...source } = command;
  const stored = state.inventory;
  const first = !stored.inventoried;
  // a first inventory adds everything; its operating system replaces the one a person set, if any (not locked)
  const changes = first
    ? everythingAdded(composition, stored.composition.operatingSystem)
    : diffComposition(stored.composition, composition);
  const assetId = state.assetId;
  if (!first && !compositionChanged(changes)) {
    const freeSpace = changes.freeSpace.length > 0 ? { freeSpace: changes.freeSpace } : {};
    return [{ type: 'asset.seen', data: { assetId, ...source, ...freeSpace } }];
  }
  const { freeSpace, ...changed } = changes;
  return [
    {
      type: 'asset.inventory-applied',
      data: { assetId, ...source, first, ...changed, ...(freeSpace.length > 0 ? { freeSpace } : {}) },
    },
  ];
}

function evolve(state: AssetState, event: InventoryEvent): AssetState {
  const { composition } = state.inventory;
  const next =
    event.type === 'asset.inventory-applied'
      ? applyChanges(event.data.first ? firstInventoryBase(composition.operatingSystem) : composition, event.data)
      : applyChanges(composition, { freeSpace: event.data.freeSpace ?? [] });
  return {
    ...state,
    dynamic: true,
    inventory: {
      inventoried: true,
      deviceId: event.data.deviceId,
      composition: next,
      lastRecorded: event.type === 'asset.inventory-applied' ? 'inventory-applied' : 'seen',
    },
  };
}

/** What agents do to a computer: report its composition, again and again. */
export const assetInventoryPart: DeciderPart<ApplyInventoryCommand, InventoryEvent, AssetState> = {
  commandTypes: ['apply-inventory'],
  eventTypes: ['asset.inventory-applied', 'asset.seen'],
  decide,
  evolve,
};
