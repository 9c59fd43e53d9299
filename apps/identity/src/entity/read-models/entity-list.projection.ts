import type { EntityEvent, EntitySettings } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export interface EntityListDoc {
  entityId: string;
  name: string;
  parentId: string | null;
  settings: EntitySettings;
}

export const entityListProjection: Projection<EntityListDoc> = {
  name: 'entity_list',
  handles: new Set(['entity.created', 'entity.renamed', 'entity.moved', 'entity.settings-changed']),
  indexes: [{ keys: { entityId: 1 }, options: { name: 'entity', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as EntityEvent;
    switch (event.type) {
      case 'entity.created':
        return { ...event.data };
      case 'entity.renamed':
        return current && { ...current, name: event.data.name };
      case 'entity.moved':
        return current && { ...current, parentId: event.data.parentId };
      case 'entity.settings-changed':
        return current && { ...current, settings: event.data.settings };
    }
  },
};
