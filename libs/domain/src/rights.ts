/** Every right a profile can grant; services check these names, identity stores them in profiles. */
export const RIGHTS = [
  'ticket.create',
  'ticket.read-own',
  'ticket.read-all',
  'ticket.assign',
  'ticket.steal',
  'ticket.update',
  'ticket.solve',
  'ticket.close',
  'ticket.reopen',
  'ticket.delete',
  'ticket.validate',
  // ITIL categories (GLPI's dropdown administration)
  'category.write',
  // the Parc (assets service): GLPI's computer, monitor, printer… rights, delete and purge together
  'asset.read',
  'asset.write',
  'asset.delete',
  'software.read',
  'software.write',
  'license.read',
  'license.write',
  // agents, import and entity rules of the inventory (GLPI's "inventory" configuration right)
  'inventory.admin',
  'user.read',
  'user.write',
  'group.read',
  'group.write',
  'entity.read',
  'entity.write',
  'profile.read',
  'profile.write',
  'import.read',
  'import.run',
  'sla.read',
  'sla.write',
  // operating the platform itself, across every tenant: dead letters read and replayed
  'platform.operate',
] as const;

export type Right = (typeof RIGHTS)[number];

const known: ReadonlySet<string> = new Set(RIGHTS);

export function isRight(value: string): value is Right {
  return known.has(value);
}
