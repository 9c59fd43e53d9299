import { profileIdOf } from './profile-names';

describe('profileIdOf: a profile as GLPI users type it', () => {
  it.each([
    ['Super-Admin', 'super-admin'],
    ['super admin', 'super-admin'],
    ['SuperAdmin', 'super-admin'],
    ['Administrateur', 'admin'],
    ['Admin', 'admin'],
    ['Superviseur', 'supervisor'],
    ['Supervisor', 'supervisor'],
    ['Technicien', 'technician'],
    ['  TECHNICIEN ', 'technician'],
    ['Technician', 'technician'],
    ['Hotliner', 'hotliner'],
    ['Observateur', 'observer'],
    ['Observer', 'observer'],
    ['Self-Service', 'self-service'],
    ['self service', 'self-service'],
    ['Sélf-Sérvice', 'self-service'],
    ['Supérviseur', 'supervisor'],
  ])('%j is %s', (name, profileId) => {
    expect(profileIdOf(name)).toBe(profileId);
  });

  it('takes a profile id as it is, and any other name as the id it would be', () => {
    expect(profileIdOf('desk')).toBe('desk');
    expect(profileIdOf(' Help Desk ')).toBe('help-desk');
    expect(profileIdOf('Équipe réseau')).toBe('equipe-reseau');
  });
});
