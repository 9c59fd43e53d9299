import type { EntityCreated, EntityMoved, EntityRenamed, EventEnvelope } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

/** One entity of the tree; `entityId` is the entity's own id (the document's _id is its stream id). */
export interface EntityTreeNode {
  entityId: string;
  parentId: string | null;
  name: string;
}

export const entityTreeProjection: Projection<EntityTreeNode> = {
  name: 'auth_entity_tree',
  handles: new Set(['entity.created', 'entity.renamed', 'entity.moved']),
  apply: (current, event) => {
    if (event.type === 'entity.created') {
      const { entityId, parentId, name } = (event as EventEnvelope<string, EntityCreated['data']>).data;
      return { entityId, parentId, name };
    }
    if (current === null) return null; // a stream always starts with entity.created
    if (event.type === 'entity.renamed') {
      return { ...current, name: (event as EventEnvelope<string, EntityRenamed['data']>).data.name };
    }
    return { ...current, parentId: (event as EventEnvelope<string, EntityMoved['data']>).data.parentId };
  },
};
