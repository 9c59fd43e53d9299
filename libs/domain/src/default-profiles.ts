import { RIGHTS, type Right } from './rights';

/** GLPI's two interfaces: the technician's (central) and the simplified one (helpdesk, self-service). */
export type ProfileInterface = 'central' | 'helpdesk';

export interface DefaultProfile {
  profileId: string;
  name: string;
  interface: ProfileInterface;
  rights: Right[];
}

const ticketWork: Right[] = [
  'ticket.create',
  'ticket.read-own',
  'ticket.read-all',
  'ticket.steal',
  'ticket.update',
  'ticket.solve',
  'ticket.close',
  'ticket.reopen',
];
const directoryReading: Right[] = ['user.read', 'group.read', 'entity.read', 'profile.read'];
/** GLPI's READ on computers, monitors, printers…, software and licenses (Observer, Supervisor, Hotliner). */
const parcReading: Right[] = ['asset.read', 'software.read', 'license.read'];
/** GLPI's ALLSTANDARDRIGHT on the same (Technician): create, update, delete and purge. */
const parcWork: Right[] = [...parcReading, 'asset.write', 'asset.delete', 'software.write', 'license.write'];

/**
 * GLPI's default profiles (install/empty_data.php): identity seeds them at first start as editable
 * data; other services' tests sign their users in with them.
 */
export const DEFAULT_PROFILES: DefaultProfile[] = [
  { profileId: 'super-admin', name: 'Super-Admin', interface: 'central', rights: [...RIGHTS] },
  {
    profileId: 'admin',
    name: 'Admin',
    interface: 'central',
    // administration, without changing the entity tree, the profiles or the platform itself
    rights: RIGHTS.filter((right) => !['entity.write', 'profile.write', 'platform.operate'].includes(right)),
  },
  {
    profileId: 'supervisor',
    name: 'Supervisor',
    interface: 'central',
    rights: [
      ...ticketWork,
      'ticket.assign',
      'ticket.validate',
      ...parcWork,
      'sla.read',
      'import.read',
      ...directoryReading,
    ],
  },
  {
    profileId: 'technician',
    name: 'Technician',
    interface: 'central',
    rights: [...ticketWork, ...parcWork, 'sla.read', ...directoryReading],
  },
  {
    profileId: 'hotliner',
    name: 'Hotliner',
    interface: 'central',
    rights: [
      'ticket.create',
      'ticket.read-own',
      'ticket.read-all',
      'ticket.update',
      ...parcReading,
      ...directoryReading,
    ],
  },
  {
    profileId: 'observer',
    name: 'Observer',
    interface: 'central',
    rights: [
      'ticket.create',
      'ticket.read-own',
      'ticket.read-all',
      'ticket.validate',
      ...parcReading,
      ...directoryReading,
    ],
  },
  {
    profileId: 'self-service',
    name: 'Self-Service',
    interface: 'helpdesk',
    rights: ['ticket.create', 'ticket.read-own'],
  },
];
