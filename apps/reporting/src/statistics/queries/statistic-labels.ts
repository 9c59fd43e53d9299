import { Injectable } from '@nestjs/common';
import { DirectoryReader } from '@itsm/directory';

/**
 * The names of a table's values, from the local copy of identity's users, groups and entities (an
 * erased user shows his pseudonym there). Other values (categories, agreements, locations) are
 * shown as they are kept.
 */
@Injectable()
export class StatisticLabels {
  constructor(private readonly directory: DirectoryReader) {}

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
    return new Map();
  }
}
