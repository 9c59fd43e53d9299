import type { FieldValue } from './line-values';

/**
 * GLPI's default profiles by the names its users type, French and English, as ids identity knows.
 * A French GLPI lists "Technicien" or "Observateur" where an English one lists "Technician" or
 * "Observer"; files exported from either name them so.
 */
const DEFAULT_PROFILE_NAMES: Readonly<Record<string, string>> = {
  'super-admin': 'super-admin',
  superadmin: 'super-admin',
  admin: 'admin',
  administrateur: 'admin',
  administrator: 'admin',
  supervisor: 'supervisor',
  superviseur: 'supervisor',
  technician: 'technician',
  technicien: 'technician',
  hotliner: 'hotliner',
  observer: 'observer',
  observateur: 'observer',
  'self-service': 'self-service',
  selfservice: 'self-service',
};

/** A name as compared: trimmed, without accents nor case, blanks and punctuation as one dash. */
const slug = (value: FieldValue) =>
  String(value)
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * A profile as a file names it: one of GLPI's default profiles by its French or English name
 * ("Technicien", "super admin", "Self-Service"), else a profile's id (a profile people created is
 * named by its id: "desk"). Identity answers 33 for an id it does not know.
 */
export const profileIdOf = (value: FieldValue): string => {
  const key = slug(value);
  return DEFAULT_PROFILE_NAMES[key] ?? DEFAULT_PROFILE_NAMES[key.replace(/-/g, '')] ?? key;
};
