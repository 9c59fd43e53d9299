import { defineProjection } from '@itsm/eventsourcing';

/** One entity of the tree; `entityId` is the entity's own id (the document's _id is its stream id). */
export interface EntityTreeNode {
  entityId: string;
  parentId: string | null;
  name: string;
}

export const entityTreeProjection = defineProjection<EntityTreeNode>({
  name: 'auth_entity_tree',
  handlers: {
    'entity.created': (_current, { data: { entityId, parentId, name } }) => ({ entityId, parentId, name }),
    // a stream always starts with entity.created
    'entity.renamed': (current, { data }) => current && { ...current, name: data.name },
    'entity.moved': (current, { data }) => current && { ...current, parentId: data.parentId },
  },
});
