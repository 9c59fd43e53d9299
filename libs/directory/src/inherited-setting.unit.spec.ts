import type { EntitySettings } from '@itsm/contracts';
import type { DirectoryEntity } from './directory-entities.projection';
import { autoCloseDays, defaultCalendarId, inheritedSetting } from './inherited-setting';

const inherit: EntitySettings = { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null };
const entity = (
  entityId: string,
  parentId: string | null,
  settings: Partial<EntitySettings> = {},
): DirectoryEntity => ({
  entityId,
  name: entityId,
  parentId,
  settings: { ...inherit, ...settings },
});
const tree = new Map(
  [
    entity('root', null, { calendarId: 'office-hours', autoCloseMode: 'days', autoCloseDelayDays: 7 }),
    entity('paris', 'root', { autoCloseMode: 'never' }),
    entity('paris-dc', 'paris', { calendarId: 'datacenter-24x7', autoCloseMode: 'days', autoCloseDelayDays: 0 }),
    entity('orphan', 'gone'),
  ].map((each) => [each.entityId, each]),
);
const find = async (id: string) => tree.get(id) ?? null;

describe('a setting an entity inherits', () => {
  it('is its own when set', async () => {
    expect(await inheritedSetting('paris-dc', find, defaultCalendarId)).toBe('datacenter-24x7');
    expect(await inheritedSetting('paris-dc', find, autoCloseDays)).toBe(0);
  });

  it('is inherited from the nearest ancestor that sets one', async () => {
    expect(await inheritedSetting('paris', find, defaultCalendarId)).toBe('office-hours');
  });

  it('stops at an ancestor that sets it to never (auto-close)', async () => {
    expect(await inheritedSetting('paris', find, autoCloseDays)).toBeNull();
    expect(await inheritedSetting('root', find, autoCloseDays)).toBe(7);
  });

  it('is none when no ancestor sets one or the entity is unknown', async () => {
    expect(await inheritedSetting('orphan', find, defaultCalendarId)).toBeNull();
    expect(await inheritedSetting('nowhere', find, autoCloseDays)).toBeNull();
  });

  it('stops on a cycle instead of looping', async () => {
    const cycle = new Map([
      ['a', entity('a', 'b')],
      ['b', entity('b', 'a')],
    ]);
    expect(await inheritedSetting('a', async (id) => cycle.get(id) ?? null, defaultCalendarId)).toBeNull();
  });
});
