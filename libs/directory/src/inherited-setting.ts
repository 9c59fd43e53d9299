import type { EntitySettings } from '@itsm/contracts';
import type { DirectoryEntity } from './directory-entities.projection';

/** An entity's own value of a setting, or undefined when it inherits its parent's. */
export type SettingPicker<Value> = (settings: EntitySettings) => Value | undefined;

/** Auto-close delay in days (0 = at once), null = never. */
export const autoCloseDays: SettingPicker<number | null> = ({ autoCloseMode, autoCloseDelayDays }) =>
  autoCloseMode === 'inherit' ? undefined : autoCloseMode === 'never' ? null : autoCloseDelayDays;

/** The default business calendar; none set means inherit. */
export const defaultCalendarId: SettingPicker<string> = ({ calendarId }) => calendarId ?? undefined;

/**
 * GLPI's inheritance: the entity's own value, else its parent's, up to the root; null when no
 * entity of the chain sets one (or the chain is unknown). Reads one entity at a time, nearest
 * first, and stops on a cycle instead of looping.
 */
export async function inheritedSetting<Value>(
  entityId: string,
  find: (entityId: string) => Promise<DirectoryEntity | null>,
  pick: SettingPicker<Value>,
): Promise<Value | null> {
  const seen = new Set<string>();
  for (let id: string | null = entityId; id !== null && !seen.has(id); ) {
    seen.add(id);
    const entity = await find(id);
    if (!entity) return null;
    const own = pick(entity.settings);
    if (own !== undefined) return own;
    id = entity.parentId;
  }
  return null;
}
