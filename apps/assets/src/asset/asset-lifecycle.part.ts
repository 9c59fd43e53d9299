import type { AssetCoreEvent, AssetFieldName, AssetFields, AssetType, OperatingSystem } from '@itsm/contracts';
import { DomainError } from '@itsm/domain';
import type { DeciderPart } from '../shared/decider-parts';
import type { AssetState } from './asset.state';
import { changedFields, cleanFields, fieldsRefusalFor } from './domain/asset-fields';
import { canonical } from '../inventory/domain/composition-keys';
import { cleanOperatingSystem } from './domain/operating-system';
import { warrantyExpiresOn, warrantyNoticeDay } from './domain/warranty';

/** Who changes an asset: a person's edit of a dynamic asset locks the fields; an inventory skips locked ones. */
export type ChangeSource = 'person' | 'inventory';

export type AssetLifecycleCommand =
  | {
      type: 'create-asset';
      assetId: string;
      assetType: AssetType;
      entityId: string;
      dynamic: boolean;
      fields: AssetFields;
      /** a computer's operating system, as a person (an import) gives it */
      operatingSystem?: OperatingSystem;
    }
  | {
      type: 'update-asset';
      changes: AssetFields;
      source: ChangeSource;
      /** a computer's operating system, as a person (an import) gives it: set when it differs */
      operatingSystem?: OperatingSystem;
    }
  | { type: 'unlock-fields'; fields: AssetFieldName[] }
  | { type: 'trash-asset' }
  | { type: 'restore-asset' }
  | { type: 'purge-asset' }
  /** GLPI's "Transférer": to another entity (the handler checks the caller may write there) */
  | { type: 'transfer-asset'; entityId: string }
  /** the warranty timer's: announce the expiry when `today` is its notice day, once per expiry */
  | { type: 'announce-warranty-expiry'; today: string; daysBefore: number };

type Decided = AssetCoreEvent[] | DomainError;

function create(command: Extract<AssetLifecycleCommand, { type: 'create-asset' }>, state: AssetState): Decided {
  if (state.assetId !== null) return new DomainError('conflict', `asset ${command.assetId} already exists`);
  const fields = cleanFields(command.fields);
  const refusal = fieldsRefusalFor(command.assetType, fields);
  if (refusal) return refusal;
  const { assetId, assetType, entityId, dynamic } = command;
  const created: AssetCoreEvent = { type: 'asset.created', data: { assetId, assetType, entityId, dynamic, fields } };
  if (!command.operatingSystem) return [created];
  if (assetType !== 'computer') return new DomainError('invalid', `a ${assetType} has no operating system`);
  const operatingSystem = cleanOperatingSystem(command.operatingSystem);
  if (operatingSystem instanceof DomainError) return operatingSystem;
  // set, not locked (GLPI's Data Injection): the computer's agent reports its own over it
  return [created, { type: 'asset.operating-system-set', data: { assetId, assetType, operatingSystem } }];
}

/** An asset that is not there (never created, or purged) is not found, whatever is asked of it. */
function existing(state: AssetState): { assetId: string; assetType: AssetType } | DomainError {
  if (state.assetId === null || state.assetType === null || state.purged) {
    return new DomainError('not_found', 'no such asset');
  }
  return { assetId: state.assetId, assetType: state.assetType };
}

function update(command: Extract<AssetLifecycleCommand, { type: 'update-asset' }>, state: AssetState): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError) return asset;
  if (state.trashed) return new DomainError('illegal_transition', 'the asset is in the trash: restore it first');
  let changes = changedFields(state.fields, cleanFields(command.changes));
  if (command.source === 'inventory') {
    changes = Object.fromEntries(
      Object.entries(changes).filter(([field]) => !state.locked.includes(field as AssetFieldName)),
    ) as AssetFields;
  }
  const refusal = fieldsRefusalFor(asset.assetType, { ...state.fields, ...changes });
  if (refusal) return refusal;
  const system = operatingSystemChange(command.operatingSystem, asset, state);
  if (system instanceof DomainError) return system;
  const changed = Object.keys(changes) as AssetFieldName[];
  const locked =
    command.source === 'person' && state.dynamic ? changed.filter((field) => !state.locked.includes(field)) : [];
  const updated: AssetCoreEvent[] =
    changed.length === 0 ? [] : [{ type: 'asset.updated', data: { ...asset, changes, locked } }];
  return [...updated, ...system];
}

/**
 * The operating system a person gives an existing computer, set as at its creation: not locked,
 * so an agent that inventories the computer reports its own over it. Nothing when it is the same.
 */
function operatingSystemChange(
  given: OperatingSystem | undefined,
  { assetId, assetType }: { assetId: string; assetType: AssetType },
  state: AssetState,
): AssetCoreEvent[] | DomainError {
  if (!given) return [];
  if (assetType !== 'computer') return new DomainError('invalid', `a ${assetType} has no operating system`);
  const operatingSystem = cleanOperatingSystem(given);
  if (operatingSystem instanceof DomainError) return operatingSystem;
  if (canonical(operatingSystem) === canonical(state.inventory.composition.operatingSystem)) return [];
  return [{ type: 'asset.operating-system-set', data: { assetId, assetType, operatingSystem } }];
}

function unlock(command: Extract<AssetLifecycleCommand, { type: 'unlock-fields' }>, state: AssetState): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError) return asset;
  const fields = command.fields.filter((field) => state.locked.includes(field));
  return fields.length === 0 ? [] : [{ type: 'asset.fields-unlocked', data: { ...asset, fields } }];
}

function trash(state: AssetState): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError) return asset;
  return state.trashed ? [] : [{ type: 'asset.trashed', data: asset }];
}

function restore(state: AssetState): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError) return asset;
  return state.trashed ? [{ type: 'asset.restored', data: asset }] : [];
}

/** GLPI purges from the trash only: a purge of an asset in use is refused. */
function purge(state: AssetState): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError) return asset;
  if (!state.trashed) return new DomainError('illegal_transition', 'only an asset in the trash can be purged');
  return [{ type: 'asset.purged', data: { ...asset, entityId: state.entityId! } }];
}

/** Moving an asset in the trash is refused, as its edits are; moving it where it is does nothing. */
function transfer(command: Extract<AssetLifecycleCommand, { type: 'transfer-asset' }>, state: AssetState): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError) return asset;
  if (state.trashed) return new DomainError('illegal_transition', 'the asset is in the trash: restore it first');
  if (command.entityId === state.entityId) return [];
  return [{ type: 'asset.transferred', data: { ...asset, fromEntityId: state.entityId!, entityId: command.entityId } }];
}

function announce(
  command: Extract<AssetLifecycleCommand, { type: 'announce-warranty-expiry' }>,
  state: AssetState,
): Decided {
  const asset = existing(state);
  if (asset instanceof DomainError || state.trashed) return [];
  const expiresOn = warrantyExpiresOn(state.fields);
  if (!expiresOn || state.warrantyNoticeFor === expiresOn) return [];
  if (warrantyNoticeDay(expiresOn, command.daysBefore) > command.today || expiresOn < command.today) return [];
  return [
    {
      type: 'asset.warranty-expiring',
      data: {
        ...asset,
        entityId: state.entityId!,
        name: state.fields.name ?? null,
        warrantyExpiresOn: expiresOn,
        daysBefore: command.daysBefore,
      },
    },
  ];
}

function decide(command: AssetLifecycleCommand, state: AssetState): Decided {
  switch (command.type) {
    case 'create-asset':
      return create(command, state);
    case 'update-asset':
      return update(command, state);
    case 'unlock-fields':
      return unlock(command, state);
    case 'trash-asset':
      return trash(state);
    case 'restore-asset':
      return restore(state);
    case 'purge-asset':
      return purge(state);
    case 'transfer-asset':
      return transfer(command, state);
    case 'announce-warranty-expiry':
      return announce(command, state);
  }
}

function evolve(state: AssetState, event: AssetCoreEvent): AssetState {
  switch (event.type) {
    case 'asset.created': {
      const { assetId, assetType, entityId, dynamic, fields } = event.data;
      return { ...state, assetId, assetType, entityId, dynamic, fields };
    }
    case 'asset.operating-system-set': {
      const { composition } = state.inventory;
      const operatingSystem = event.data.operatingSystem;
      return { ...state, inventory: { ...state.inventory, composition: { ...composition, operatingSystem } } };
    }
    case 'asset.updated':
      return {
        ...state,
        fields: { ...state.fields, ...event.data.changes },
        locked: [...state.locked, ...(event.data.locked as AssetFieldName[])],
      };
    case 'asset.fields-unlocked':
      return { ...state, locked: state.locked.filter((field) => !event.data.fields.includes(field)) };
    case 'asset.trashed':
      return { ...state, trashed: true };
    case 'asset.restored':
      return { ...state, trashed: false };
    case 'asset.purged':
      return { ...state, purged: true };
    case 'asset.warranty-expiring':
      return { ...state, warrantyNoticeFor: event.data.warrantyExpiresOn };
    case 'asset.transferred':
      return { ...state, entityId: event.data.entityId };
  }
}

/** What people (and the platform's timers) do to an asset: create, edit, lock, trash, restore, purge, transfer. */
export const assetLifecyclePart: DeciderPart<AssetLifecycleCommand, AssetCoreEvent, AssetState> = {
  commandTypes: [
    'create-asset',
    'update-asset',
    'unlock-fields',
    'trash-asset',
    'restore-asset',
    'purge-asset',
    'transfer-asset',
    'announce-warranty-expiry',
  ],
  eventTypes: [
    'asset.created',
    'asset.operating-system-set',
    'asset.updated',
    'asset.fields-unlocked',
    'asset.trashed',
    'asset.restored',
    'asset.purged',
    'asset.warranty-expiring',
    'asset.transferred',
  ],
  decide,
  evolve,
};
