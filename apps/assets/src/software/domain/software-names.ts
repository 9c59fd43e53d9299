import { nameKey as catalogueKey, normaliseName } from '../../dropdown/domain/dropdown-name';
import { v5 as uuidv5 } from 'uuid';

/**
 * Names as people and agents type them ("  Mozilla  Firefox ", "MOZILLA FIREFOX") meet once
 * normalised, the catalogues' way (`dropdown-name.ts`: NFC, trimmed, single spaces), control
 * characters dropped first. The key adds case folding, so that "DELL Inc." and "Dell Inc." are
 * one; the clean form is what is shown.
 */
export function cleanName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return normaliseName(raw.replace(/[\u0000-\u001f\u007f]/g, ' '));
}

/** The form names are compared in: clean, then case folded (as the catalogues compare theirs). */
export function nameKey(raw: string): string {
  return catalogueKey(cleanName(raw));
}

/** A name or null: blank is null. */
export function cleanOptional(raw: string | null | undefined): string | null {
  const clean = raw == null ? '' : cleanName(raw);
  return clean === '' ? null : clean;
}

// Fixed namespaces of the derived ids (UUIDv5): the same names give the same ids in every process.
const SOFTWARE_IDS = '6f1c6a52-8d4e-4f0a-9a51-2f3f4f6c1d01';
const VERSION_IDS = '6f1c6a52-8d4e-4f0a-9a51-2f3f4f6c1d02';

/**
 * GLPI finds a software by its name and publisher in an entity: its id derives from them, so a
 * software typed by a technician and the same one found by an inventory are one, and every
 * process (the inventory, the installations feed) agrees on it without asking.
 */
export function softwareIdFor(entityId: string, name: string, publisher: string | null | undefined): string {
  return uuidv5([entityId, nameKey(name), nameKey(publisher ?? '')].join('\u0000'), SOFTWARE_IDS);
}

/** A version is its software, its version string and its architecture. */
export function versionIdFor(softwareId: string, version: string, arch: string | null | undefined): string {
  return uuidv5([softwareId, nameKey(version), nameKey(arch ?? '')].join('\u0000'), VERSION_IDS);
}
