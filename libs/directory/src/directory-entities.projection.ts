import type { EntitySettings } from '@itsm/contracts';
import { defineProjection } from '@itsm/eventsourcing';

/** An entity of the tree with its settings (auto-close delay, default calendar), inherited or not. */
export interface DirectoryEntity {
  entityId: string;
  name: string;
  parentId: string | null;
  settings: EntitySettings;
  /** when identity created it; absent from documents kept before the directory recorded it */
  createdAt?: string;
}

export const directoryEntitiesProjection = defineProjection<DirectoryEntity>({
  name: 'directory_entities',
  indexes: [{ keys: { entityId: 1 }, options: { name: 'entity', unique: true } }],
  handlers: {
    'entity.created': (_current, { data, occurredAt }) => ({ ...data, createdAt: occurredAt }),
    'entity.renamed': (current, { data }) => current && { ...current, name: data.name },
    'entity.moved': (current, { data }) => current && { ...current, parentId: data.parentId },
    'entity.settings-changed': (current, { data }) => current && { ...current, settings: data.settings },
  },
});
