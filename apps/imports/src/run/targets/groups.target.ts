import { Injectable } from '@nestjs/common';
import { DomainError } from '@itsm/domain';
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
  const { byName, shared } = groupsOfEntity(groups, entityId);
  // the names this run creates: identity would take a second group of one name, GLPI's lines never make one
  const created = new Set<string>();
  return {
    match(values) {
      const found = byName.get(nameKey(values.name));
      return found ? { id: found.groupId, values: { name: found.name } } : null;
    },
    notFound: () => [],
    command(action, itemId, fields): TargetCommand | DomainError {
      const name = String(fields.name ?? '').trim();
      if (action === 'update') {
        // the name found the group: an update writes it as the file spells it (its case)
        return { type: 'group.update', streamId: `group-${itemId}`, data: { groupId: itemId, name } };
      }
      const key = nameKey(name);
      // the line found none of two groups of its name: it must not make a third
      if (shared.has(key)) return new DomainError('conflict', `two groups of the entity are named ${name}`);
      if (created.has(key)) return new DomainError('conflict', `an earlier line of the file creates the group ${name}`);
      created.add(key);
      const streamId = uuidv5(`${entityId}/${key}`, uuidv5.URL);
      return { type: 'group.create', streamId, data: { name, entityId } };
    },
  };
}
