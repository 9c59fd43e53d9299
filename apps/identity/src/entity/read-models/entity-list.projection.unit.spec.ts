import type { EntityEvent, EntitySettings } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { entityListProjection } from './entity-list.projection';

const settings: EntitySettings = { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null };
const created: EntityEvent = {
  type: 'entity.created',
  data: { entityId: 'lyon', name: 'Site de Lyon', parentId: 'root', settings },
};

describe('the entity list', () => {
  it('given an entity created, then it is listed with its parent and settings', () => {
    expect(projectEvents(entityListProjection, [created])).toEqual(created.data);
  });

  it('when renamed, moved and its settings changed, then it follows each', () => {
    const never: EntitySettings = { ...settings, autoCloseMode: 'never' };
    expect(
      projectEvents(entityListProjection, [
        created,
        { type: 'entity.renamed', data: { entityId: 'lyon', name: 'Lyon' } },
        { type: 'entity.moved', data: { entityId: 'lyon', parentId: 'france', previousParentId: 'root' } },
        { type: 'entity.settings-changed', data: { entityId: 'lyon', settings: never } },
      ]),
    ).toEqual({ entityId: 'lyon', name: 'Lyon', parentId: 'france', settings: never });
  });

  it('given events of an entity never created, then nothing is kept', () => {
    expect(
      projectEvents(entityListProjection, [{ type: 'entity.renamed', data: { entityId: 'x', name: 'X' } }]),
    ).toBeNull();
  });
});
