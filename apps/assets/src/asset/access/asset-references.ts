import { Injectable } from '@nestjs/common';
import { EntityTreeReader } from '@itsm/auth';
import type { AssetFields, AssetType, DropdownKind } from '@itsm/contracts';
import { DirectoryReader } from '@itsm/directory';
import { DropdownCatalogue } from '../../dropdown/dropdown-catalogue';
import { referencesRefusal, type Reference } from '../domain/asset-references';

type Named =
  | { field: string; kind: 'user' | 'group'; id: string }
  | { field: string; kind: 'value'; id: string; catalogue: DropdownKind };

/** The users, groups and dropdown values the fields name, by field. */
function namedIn(assetType: AssetType, fields: AssetFields): Named[] {
  const candidates: Array<Named | null> = [
    fields.userId ? { field: 'userId', kind: 'user', id: fields.userId } : null,
    fields.technicianId ? { field: 'technicianId', kind: 'user', id: fields.technicianId } : null,
    fields.groupId ? { field: 'groupId', kind: 'group', id: fields.groupId } : null,
    fields.technicianGroupId ? { field: 'technicianGroupId', kind: 'group', id: fields.technicianGroupId } : null,
    fields.typeId ? { field: 'typeId', kind: 'value', id: fields.typeId, catalogue: `${assetType}-type` } : null,
    fields.modelId ? { field: 'modelId', kind: 'value', id: fields.modelId, catalogue: `${assetType}-model` } : null,
    fields.manufacturerId
      ? { field: 'manufacturerId', kind: 'value', id: fields.manufacturerId, catalogue: 'manufacturer' }
      : null,
    fields.statusId ? { field: 'statusId', kind: 'value', id: fields.statusId, catalogue: 'status' } : null,
    fields.locationId ? { field: 'locationId', kind: 'value', id: fields.locationId, catalogue: 'location' } : null,
  ];
  return candidates.filter((named): named is Named => named !== null);
}

/**
 * What an asset's fields name must exist and reach its entity (`referencesRefusal`): users and
 * groups from the local copy of identity's directory, values from the catalogues.
 */
@Injectable()
export class AssetReferences {
  constructor(
    private readonly directory: DirectoryReader,
    private readonly catalogue: DropdownCatalogue,
    private readonly tree: EntityTreeReader,
  ) {}

  async assertUsable(assetType: AssetType, entityId: string, fields: AssetFields): Promise<void> {
    const named = namedIn(assetType, fields);
    if (named.length === 0) return;
    const ids = (kind: 'user' | 'group') => [...new Set(named.filter((one) => one.kind === kind).map((one) => one.id))];
    const catalogues = [...new Set(named.flatMap((one) => (one.kind === 'value' ? [one.catalogue] : [])))];
    const [tree, users, authorizations, groups, recentlyUsable] = await Promise.all([
      this.tree.tree(),
      this.directory.usersById(ids('user')),
      this.directory.authorizationsById(ids('user')),
      this.directory.groupsById(ids('group')),
      this.usableValueIds(catalogues, entityId, true),
    ]);
    // a value added a moment ago (by another replica, say) is looked for in a fresh read
    const missing = named.some((one) => one.kind === 'value' && !recentlyUsable.has(`${one.catalogue}/${one.id}`));
    const usable = missing ? await this.usableValueIds(catalogues, entityId, false) : recentlyUsable;
    const references = named.map((one): Reference => {
      if (one.kind === 'value') return { ...one, usable: usable.has(`${one.catalogue}/${one.id}`) };
      if (one.kind === 'group') return { ...one, kind: 'group', found: groups.get(one.id) ?? null };
      const user = users.get(one.id);
      const found = user && { ...user, authorizations: authorizations.get(one.id) ?? [] };
      return { ...one, kind: 'user', found: found ?? null };
    });
    const refusal = referencesRefusal({ entityId, ancestors: tree.ancestorsOf(entityId) }, references);
    if (refusal) throw refusal;
  }

  /** `<catalogue>/<valueId>` of every value of these catalogues the entity may use. */
  private async usableValueIds(catalogues: DropdownKind[], entityId: string, recently: boolean): Promise<Set<string>> {
    const values = await Promise.all(catalogues.map((kind) => this.catalogue.usableIn(kind, entityId, recently)));
    return new Set(values.flat().map((value) => `${value.kind}/${value.valueId}`));
  }
}
