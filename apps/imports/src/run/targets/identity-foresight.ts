import { assertMayManage, assertReachable } from '@itsm/auth';
import { DomainError, isDomainError } from '@itsm/domain';
import type { ProjectionRegistry } from '@itsm/runtime';
import type { RunForesight } from './import-target';
import { importProfilesProjection, type ImportProfile } from './import-profiles.projection';

export type ProfilesById = ReadonlyMap<string, ImportProfile>;

/** Identity's profiles as the importer knows them, for a dry run; none otherwise. */
export async function profilesFor(projections: ProjectionRegistry, foresight?: RunForesight): Promise<ProfilesById> {
  if (!foresight) return new Map();
  const profiles = await (await projections.collection<ImportProfile>(importProfilesProjection.name))
    .find({})
    .toArray();
  return new Map(profiles.map((profile) => [profile.profileId, profile]));
}

/**
 * Identity's refusal of a line granting a profile on an entity, foreseen with its own rules
 * (nobody gives a profile holding rights they lack, nor beyond their scope; nobody grants
 * themselves), or null when it would grant it.
 */
export function foreseenGrant(
  { caller, tree }: RunForesight,
  profiles: ProfilesById,
  grant: { userId?: string; profileId: string; entityId: string; recursive: boolean },
): DomainError | null {
  // in identity's order: the profile is looked up first
  const profile = profiles.get(grant.profileId);
  if (!profile) return new DomainError('not_found', `no profile ${grant.profileId}`);
  if (grant.userId === caller.userId) return new DomainError('forbidden', 'you cannot grant yourself an authorization');
  try {
    assertMayManage(caller, profile.rights, `profile ${profile.name}`);
    assertReachable(caller, tree, grant.entityId, grant.recursive);
    return null;
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
}

/** Identity's refusal of a users line joining a group (user.register v3, user.update v2): group.write. */
export const foreseenJoin = ({ caller }: RunForesight): DomainError | null =>
  caller.rights.has('group.write') ? null : new DomainError('forbidden', 'missing right group.write');
