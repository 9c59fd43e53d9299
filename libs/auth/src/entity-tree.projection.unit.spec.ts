import type { EventEnvelope } from '@itsm/contracts';
import { entityTreeProjection } from './entity-tree.projection';

const event = (type: string, data: object): EventEnvelope => ({
  id: `${type}-id`,
  type,
  schemaVersion: 1,
  streamId: 'entity-france',
  sequence: 1,
  entityId: 'france',
  occurredAt: new Date().toISOString(),
  actor: { kind: 'system', id: 'test' },
  correlationId: 'c',
  causationId: 'c',
  data,
});

const { apply: project } = entityTreeProjection;
const settings = { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null };

describe('entity tree projection', () => {
  it('keeps the entity id, parent and name, and follows renames and moves', () => {
    const created = project(
      null,
      event('entity.created', { entityId: 'france', name: 'France', parentId: 'europe', settings }),
    );
    expect(created).toEqual({ entityId: 'france', parentId: 'europe', name: 'France' });
    const renamed = project(created, event('entity.renamed', { entityId: 'france', name: 'FR' }));
    expect(renamed).toEqual({ entityId: 'france', parentId: 'europe', name: 'FR' });
    const moved = project(
      renamed,
      event('entity.moved', { entityId: 'france', parentId: 'root', previousParentId: 'europe' }),
    );
    expect(moved).toEqual({ entityId: 'france', parentId: 'root', name: 'FR' });
  });

  it('reads only the events that shape the tree', () => {
    expect(entityTreeProjection.name).toBe('auth_entity_tree');
    expect([...entityTreeProjection.handles].sort()).toEqual(['entity.created', 'entity.moved', 'entity.renamed']);
  });
});
