/** A name as a catalogue keeps it: trimmed, with single spaces ("  Dell   Inc. " is "Dell Inc."). */
export const normaliseName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/g, ' ');

/**
 * What two names must share to be the same value: the normalised name, case folded, so that
 * "DELL Inc." and "Dell Inc." meet (inventories and imports spell manufacturers every way).
 */
export const nameKey = (name: string): string => normaliseName(name).toLocaleLowerCase('en');

/** Where a name must be unique: among the values of one parent (locations), or of the whole catalogue. */
export const placeKey = (name: string, parentId: string | null): string => `${parentId ?? ''}/${nameKey(name)}`;
