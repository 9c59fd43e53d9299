import type { EntityEvent, EntitySettings } from '@itsm/contracts';
import { projectEvents, type GivenEvent } from '@itsm/testing';
import { directoryEntitiesProjection } from './directory-entities.projection';

const settings: EntitySettings = { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null };
const createdAt = '2024-03-01T08:00:00.000Z';
const created: GivenEvent<EntityEvent> = {
  type: 'entity.created',
  data: { entityId: 'paris', name: 'Paris', parentId: 'france', settings },
  occurredAt: createdAt,
};
const entity = (...events: EntityEvent[]) => projectEvents(directoryEntitiesProjection, [created, ...events]);

describe('the directory entities', () => {
  it('given an entity created, then its name, parent, settings and creation date are kept', () => {
    expect(entity()).toEqual({ entityId: 'paris', name: 'Paris', parentId: 'france', settings, createdAt });
  });

  it('when renamed, moved and its settings changed, then it follows each', () => {
    const closesAfterTwoDays: EntitySettings = { autoCloseMode: 'days', autoCloseDelayDays: 2, calendarId: 'office' };
    expect(
      entity(
        { type: 'entity.renamed', data: { entityId: 'paris', name: 'Paris 8e' } },
        { type: 'entity.moved', data: { entityId: 'paris', parentId: 'europe', previousParentId: 'france' } },
        { type: 'entity.settings-changed', data: { entityId: 'paris', settings: closesAfterTwoDays } },
      ),
    ).toEqual({ entityId: 'paris', name: 'Paris 8e', parentId: 'europe', settings: closesAfterTwoDays, createdAt });
  });

  it('given events of an entity never created, then nothing is kept', () => {
    expect(
      projectEvents(directoryEntitiesProjection, [{ type: 'entity.renamed', data: { entityId: 'x', name: 'X' } }]),
    ).toBeNull();
  });
});
