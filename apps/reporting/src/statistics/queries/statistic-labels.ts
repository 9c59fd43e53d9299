import { Inject, Injectable } from '@nestjs/common';
import { DirectoryReader } from '@itsm/directory';
import { MONGO_CONNECTION } from '@itsm/runtime';
import type { Connection } from 'mongoose';
import {
  agreementNamesProjection,
  assetClassNamesProjection,
  categoryNamesProjection,
  type ValueName,
} from '../read-models/value-names.projection';

/** where the names of a table's values are kept, when not in identity */
const NAMED = new Map([
  ['category', categoryNamesProjection.name],
  ['agreement', agreementNamesProjection.name],
  ['asset-type', assetClassNamesProjection.name],
  ['asset-model', assetClassNamesProjection.name],
]);

/**
 * The names of a table's values, from the local copy of identity's users, groups and entities (an
 * erased user shows his pseudonym there), and of categories, agreements and asset types and models from the read models of
 * the events that define them. Other values (locations, types) are shown as they are kept.
 */
@Injectable()
export class StatisticLabels {
  constructor(
    private readonly directory: DirectoryReader,
    @Inject(MONGO_CONNECTION) private readonly connection: Connection,
  ) {}

  async of(table: string, values: string[]): Promise<Map<string, string>> {
    if (table === 'technician' || table === 'requester') {
      const users = await this.directory.usersById(values);
      return new Map([...users].map(([id, user]) => [id, user.displayName]));
    }
    if (table === 'group') {
      const groups = await this.directory.groupsById(values);
      return new Map([...groups].map(([id, group]) => [id, group.name]));
    }
    if (table === 'entity') {
      const entities = await Promise.all(values.map((id) => this.directory.entity(id)));
      return new Map(entities.flatMap((entity) => (entity ? [[entity.entityId, entity.name] as const] : [])));
    }
    const collection = NAMED.get(table);
    if (!collection || values.length === 0) return new Map();
    // a few hundred categories or agreements at most: one read of them all
    const names = await this.connection.collection<ValueName>(collection).find({ table }).toArray();
    const wanted = new Set(values);
    return new Map(names.filter((doc) => wanted.has(doc.valueId)).map((doc) => [doc.valueId, doc.name]));
  }
}
