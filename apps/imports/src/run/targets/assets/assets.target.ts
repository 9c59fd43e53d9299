import { Injectable } from '@nestjs/common';
import type { AssetType, DropdownKind } from '@itsm/contracts';
import {
  directoryEntitiesProjection,
  directoryGroupsProjection,
  directoryUsersProjection,
  type DirectoryEntity,
  type DirectoryGroup,
  type DirectoryUser,
} from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { v5 as uuidv5 } from 'uuid';
import { ASSET_TYPES, type TargetType } from '../../../model/domain/target-fields';
import type { ExistingItem } from '../../domain/line-outcome';
import type { FieldValue } from '../../domain/line-values';
import type { ImportTarget, MissingValue, TargetCommand, TargetSnapshot, ValueCreation } from '../import-target';
import { ASSET_FIELD_WRITES, ASSET_TYPE_OF, LINKABLE_ASSET_FIELDS, OPERATING_SYSTEM_PARTS } from './asset-fields';
import { CompactAssets } from './compact-assets';
import { cleanName, nameKey } from '../tree-index';
import {
  importAssetDropdownsProjection,
  importAssetsProjection,
  type ImportAssetDoc,
  type ImportDropdownDoc,
} from './import-assets.projection';

/** What one run resolves names with: the entity's catalogues (and recursive ones above), users, groups. */
interface AssetLookups {
  dropdowns: Map<DropdownKind, Map<string, string>>;
  users: Map<string, string>;
  groups: Map<string, string>;
}

/**
 * One asset type as an import target, written by assets' `asset.create` and `asset.update`.
 * A run loads the entity's assets of the type and the names it needs once, into maps: lines are
 * matched by the model's link fields ANDed within the run's entity, dropdown values are found in
 * the entity's catalogues and the recursive ones of its ancestors, users by login, groups by name.
 */
class AssetsTarget implements ImportTarget {
  readonly service = 'assets';
  // assets keeps no MAC address of its own (inventory agents report ports): a line cannot be found by it
  readonly linkable = LINKABLE_ASSET_FIELDS;
  private readonly assetType: AssetType;

  constructor(
    readonly type: TargetType,
    private readonly projections: ProjectionRegistry,
  ) {
    this.assetType = ASSET_TYPE_OF[type]!;
  }

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const [assets, lookups] = await Promise.all([this.live(entityId), this.lookups(entityId)]);
    const assetType = this.assetType;
    return {
      match(values, linkFields) {
        if (linkFields.length === 0 || linkFields.some((field) => values[field] === undefined)) return null;
        return assets.match(linkFields, (field) => values[field]);
      },
      notFound: (values) =>
        Object.keys(values).filter((field) => resolved(assetType, lookups, field, values[field]) === null),
      command: (action, itemId, fields, runEntity) => {
        const data = Object.fromEntries(
          Object.entries(fields).flatMap(([field, value]) => {
            const write = ASSET_FIELD_WRITES[field];
            return write ? [[write.to, resolved(assetType, lookups, field, value)]] : [];
          }),
        );
        const operatingSystem = operatingSystemOf(fields);
        return action === 'create'
          ? creation(assetType, runEntity, data, operatingSystem)
          : change(itemId!, data, operatingSystem);
      },
      values: dropdownCreation(assetType, lookups),
    };
  }

  /** The entity's assets of the type not in the trash, read a batch at a time into a compact copy. */
  private async live(entityId: string): Promise<CompactAssets> {
    const assets = new CompactAssets(IMPORTER_FIELDS);
    const collection = await this.collection<ImportAssetDoc>(importAssetsProjection.name);
    for await (const asset of collection.find({ assetType: this.assetType, entityId }, { batchSize: 1000 })) {
      if (!asset.trashed) assets.add(existing(asset as ImportAssetDoc));
    }
    return assets;
  }

  private async lookups(entityId: string): Promise<AssetLookups> {
    const [entities, catalogues, users, groups] = await Promise.all([
      this.all<DirectoryEntity>(directoryEntitiesProjection.name),
      this.all<ImportDropdownDoc>(importAssetDropdownsProjection.name),
      this.all<DirectoryUser>(directoryUsersProjection.name),
      this.all<DirectoryGroup>(directoryGroupsProjection.name),
    ]);
    const ancestors = ancestorsOf(entityId, entities);
    const dropdowns = new Map<DropdownKind, Map<string, string>>();
    for (const catalogue of catalogues) {
      const own = catalogue.entityId === entityId;
      if (!own && !ancestors.has(catalogue.entityId)) continue;
      const names = dropdowns.get(catalogue.kind) ?? new Map<string, string>();
      for (const value of catalogue.values) {
        if (own || value.recursive) names.set(nameKey(value.name), value.valueId);
      }
      dropdowns.set(catalogue.kind, names);
    }
    return {
      dropdowns,
      users: new Map(users.map((user) => [user.login.toLowerCase(), user.userId])),
      groups: new Map(groups.map((group) => [nameKey(group.name), group.groupId])),
    };
  }

  private async collection<Doc extends object>(name: string) {
    return this.projections.collection<Doc>(name);
  }

  private async all<Doc extends object>(name: string): Promise<Doc[]> {
    return (await this.collection<Doc>(name)).find({}).toArray() as Promise<Doc[]>;
  }
}

/** The six asset types as targets, registered in ImportTargets. */
@Injectable()
export class AssetsTargets {
  readonly all: ImportTarget[];

  constructor(projections: ProjectionRegistry) {
    this.all = ASSET_TYPES.map((type) => new AssetsTarget(type, projections));
  }
}

/** The importer's fields of an asset, in the order a compact copy keeps them. */
const IMPORTER_FIELDS = Object.keys(ASSET_FIELD_WRITES);

const assetValue = (asset: ImportAssetDoc, field: string): unknown => {
  const write = ASSET_FIELD_WRITES[field];
  return write ? (asset.fields as Record<string, unknown>)[write.to] : undefined;
};

/**
 * The asset's values by the importer's field names; a looked-up field (a dropdown value, a user, a
 * group) only says it is set (true) or not (null): that is all a line's update asks of it.
 */
const existing = (asset: ImportAssetDoc): ExistingItem => ({
  id: asset.assetId,
  values: Object.fromEntries(
    IMPORTER_FIELDS.map((field) => {
      const value = assetValue(asset, field) as FieldValue | null | undefined;
      return [field, ASSET_FIELD_WRITES[field].lookup ? (isSet(value) ? true : null) : (value ?? null)];
    }),
  ),
});

const isSet = (value: unknown) => value !== null && value !== undefined && value !== '';

/** A field's value as assets takes it: an id for a name looked up, null when the name is unknown. */
function resolved(assetType: AssetType, lookups: AssetLookups, field: string, value: FieldValue | undefined) {
  const write = ASSET_FIELD_WRITES[field];
  if (!write?.lookup) return value ?? null;
  if (write.lookup !== 'dropdown') {
    return write.lookup === 'user'
      ? (lookups.users.get(String(value).toLowerCase()) ?? null)
      : (lookups.groups.get(nameKey(value)) ?? null);
  }
  return lookups.dropdowns.get(write.kind(assetType))?.get(nameKey(value)) ?? null;
}

/** The dropdown values lines name and the entity lacks, created through `dropdown.find-or-create`. */
function dropdownCreation(assetType: AssetType, lookups: AssetLookups): ValueCreation {
  return {
    missing: (values) =>
      Object.entries(values).flatMap(([field, value]) => {
        const write = ASSET_FIELD_WRITES[field];
        if (write?.lookup !== 'dropdown' || !cleanName(value) || resolved(assetType, lookups, field, value) !== null)
          return [];
        return [{ kind: write.kind(assetType), name: cleanName(value), key: nameKey(value) }];
      }),
    command: ({ kind, name }: MissingValue, entityId) => ({
      type: 'dropdown.find-or-create',
      // one partition per value: two runs naming it meet in assets' decider one after the other
      streamId: uuidv5(`${entityId}/${kind}/${nameKey(name)}`, uuidv5.URL),
      data: { kind, entityId, name },
    }),
    learn: ({ kind, key }, valueId) => {
      const names = lookups.dropdowns.get(kind as DropdownKind) ?? new Map<string, string>();
      names.set(key, valueId);
      lookups.dropdowns.set(kind as DropdownKind, names);
    },
  };
}

/**
 * The operating system a line gives a computer (`asset.create` v2, `asset.update` v2), as GLPI's
 * Data Injection sets it: assets does not lock it, so the computer's agent reports its own over
 * it. Without a name there is none to set: the other parts are left out.
 */
export function operatingSystemOf(fields: Readonly<Record<string, FieldValue>>): Record<string, string> | null {
  if (fields.osName === undefined || String(fields.osName).trim() === '') return null;
  return Object.fromEntries(
    Object.entries(OPERATING_SYSTEM_PARTS).flatMap(([field, part]) =>
      fields[field] === undefined ? [] : [[part, String(fields[field])]],
    ),
  );
}

/** An update line's command: version 2 when it gives an operating system. */
function change(
  assetId: string,
  data: Record<string, unknown>,
  operatingSystem: Record<string, string> | null,
): TargetCommand {
  const streamId = `asset-${assetId}`;
  if (!operatingSystem) return { type: 'asset.update', streamId, data: { assetId, ...data } };
  return { type: 'asset.update', schemaVersion: 2, streamId, data: { assetId, ...data, operatingSystem } };
}

function creation(
  assetType: AssetType,
  entityId: string,
  data: Record<string, unknown>,
  operatingSystem: Record<string, string> | null,
): TargetCommand {
  // the Kafka key of the line's command: lines naming the same asset go through one partition, in order
  const streamId = uuidv5(`${entityId}/${assetType}/${String(data.name ?? '')}`, uuidv5.URL);
  if (!operatingSystem) return { type: 'asset.create', streamId, data: { assetType, entityId, ...data } };
  return { type: 'asset.create', schemaVersion: 2, streamId, data: { assetType, entityId, ...data, operatingSystem } };
}

export function ancestorsOf(entityId: string, entities: readonly DirectoryEntity[]): Set<string> {
  const parents = new Map(entities.map((entity) => [entity.entityId, entity.parentId]));
  const ancestors = new Set<string>();
  for (let parent = parents.get(entityId); parent && !ancestors.has(parent); parent = parents.get(parent)) {
    ancestors.add(parent);
  }
  return ancestors;
}
