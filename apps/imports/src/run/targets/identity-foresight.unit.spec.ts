import { EntityTree } from '@itsm/auth';
import type { Caller } from '@itsm/domain';
import { foreseenGrant, foreseenJoin } from './identity-foresight';

// root > A > A1, and B: an administrator of A (recursive) holding user rights but not config ones
const tree = new EntityTree([
  { id: 'root', parentId: null },
  { id: 'A', parentId: 'root' },
  { id: 'A1', parentId: 'A' },
  { id: 'B', parentId: 'root' },
]);
const caller = {
  userId: 'u-admin',
  rights: new Set(['user.read', 'user.write', 'ticket.read']),
  scope: ['A', 'A1'],
} as unknown as Caller;
const profiles = new Map([
  ['technician', { profileId: 'technician', name: 'Technician', rights: ['ticket.read', 'user.read'] }],
  ['super-admin', { profileId: 'super-admin', name: 'Super-Admin', rights: ['config.write', 'user.write'] }],
]);
const grant = (profileId: string, entityId: string, recursive = true, userId = 'u-other') =>
  foreseenGrant({ caller, tree }, profiles, { userId, profileId, entityId, recursive });

describe('a dry run foreseeing identity’s answer to a grant', () => {
  it('grants a profile whose rights the caller holds, on an entity of their scope', () => {
    expect(grant('technician', 'A')).toBeNull();
    expect(grant('technician', 'A1', false)).toBeNull();
  });

  it('refuses a profile holding rights the caller lacks, with identity’s message', () => {
    expect(grant('super-admin', 'A')).toMatchObject({
      code: 'forbidden',
      message: 'profile Super-Admin holds rights your profile lacks (config.write)',
    });
  });

  it('refuses an entity, or a sub-tree, beyond the caller’s scope', () => {
    expect(grant('technician', 'B')).toMatchObject({
      code: 'forbidden',
      message: 'entity B and its sub-entities are outside your scope',
    });
    expect(grant('technician', 'B', false)).toMatchObject({ message: 'entity B is outside your scope' });
    expect(grant('technician', 'root', false)).toMatchObject({ code: 'forbidden' });
  });

  it('refuses granting oneself, and names a profile identity does not know as not found', () => {
    expect(grant('technician', 'A', true, 'u-admin')).toMatchObject({
      code: 'forbidden',
      message: 'you cannot grant yourself an authorization',
    });
    expect(grant('help-desk', 'A')).toMatchObject({ code: 'not_found', message: 'no profile help-desk' });
    // as identity, which looks the profile up first
    expect(grant('help-desk', 'A', true, 'u-admin')).toMatchObject({ code: 'not_found' });
  });

  it('lets a users line join its group only with group.write, as identity does', () => {
    expect(foreseenJoin({ caller, tree })).toMatchObject({ code: 'forbidden', message: 'missing right group.write' });
    const groupWriter = { ...caller, rights: new Set([...caller.rights, 'group.write']) } as Caller;
    expect(foreseenJoin({ caller: groupWriter, tree })).toBeNull();
  });
});
