import { Injectable } from '@nestjs/common';
import { directoryGroupsProjection, type DirectoryGroup } from '@itsm/directory';
import { ProjectionRegistry } from '@itsm/runtime';
import { v5 as uuidv5 } from 'uuid';
import type { ImportTarget, TargetCommand, TargetSnapshot } from './import-target';
import { groupsOfEntity, nameKey } from './identity-names';

/**
 * Groups, written by identity's `group.create` and `group.update` under the rules of its group
 * routes (group.write, the run's entity in the caller's scope). A line finds a group by name,
 * case-insensitive, among the run's entity's groups in the importer's copy of identity's directory.
 * Identity keeps no comment for a group: the column is left out.
 */
@Injectable()
export class GroupsTarget implements ImportTarget {
  readonly type = 'groups' as const;
  readonly service = 'identity';

  constructor(private readonly projections: ProjectionRegistry) {}

  async snapshot(entityId: string): Promise<TargetSnapshot> {
    const collection = await this.projections.collection<DirectoryGroup>(directoryGroupsProjection.name);
    return groupsSnapshot(await collection.find({ entityId }).toArray(), entityId);
  }
}

export function groupsSnapshot(groups: readonly DirectoryGroup[], entityId: string): TargetSnapshot {
  const byName = groupsOfEntity(groups, entityId);
  return {
    match(values) {
      const found = byName.get(nameKey(values.name));
      return found ? { id: found.groupId, values: { name: found.name } } : null;
    },
    notFound: () => [],
    command(action, itemId, fields): TargetCommand {
      const name = String(fields.name ?? '').trim();
      if (action === 'update') {
        // the name found the group: an update writes it as the file spells it (its case)
        return { type: 'group.update', streamId: `group-${itemId}`, data: { groupId: itemId, name } };
      }
      // lines creating one name meet on one key, in their order
      const streamId = uuidv5(`${entityId}/${name.toLowerCase()}`, uuidv5.URL);
      return { type: 'group.create', streamId, data: { name, entityId } };
    },
  };
}
