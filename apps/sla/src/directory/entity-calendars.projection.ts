import type { EntityEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

/** Each entity's default calendar setting (null: inherit from the parent), fed by itsm.identity.events. */
export interface EntityCalendarDoc {
  entityId: string;
  parentId: string | null;
  calendarId: string | null;
}

export const entityCalendarsProjection: Projection<EntityCalendarDoc> = {
  name: 'entity_calendars',
  handles: new Set(['entity.created', 'entity.moved', 'entity.settings-changed']),
  indexes: [{ keys: { entityId: 1 }, options: { name: 'entity', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as EntityEvent;
    if (event.type === 'entity.created') {
      const { entityId, parentId, settings } = event.data;
      return { entityId, parentId, calendarId: settings.calendarId };
    }
    if (!current) return null;
    switch (event.type) {
      case 'entity.moved':
        return { ...current, parentId: event.data.parentId };
      case 'entity.settings-changed':
        return { ...current, calendarId: event.data.settings.calendarId };
      default:
        return current;
    }
  },
};

/** GLPI's inheritance: the entity's own calendar, else its parent's, up to the root; null: 24/7. */
export function inheritedCalendarId(
  entityId: string,
  entities: ReadonlyMap<string, Pick<EntityCalendarDoc, 'parentId' | 'calendarId'>>,
): string | null {
  const seen = new Set<string>();
  for (let id: string | null = entityId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const entity = entities.get(id);
    if (!entity) return null;
    if (entity.calendarId) return entity.calendarId;
    id = entity.parentId;
  }
  return null;
}
