import { defineProjection } from '@itsm/eventsourcing';

/** A profile as identity defines it: what a dry run checks a granted profile's rights against. */
export interface ImportProfile {
  profileId: string;
  name: string;
  rights: string[];
}

/** Identity's profiles, fed by its events: a dry run of users or authorizations foresees its refusals. */
export const importProfilesProjection = defineProjection<ImportProfile>({
  name: 'import_profiles',
  indexes: [{ keys: { profileId: 1 }, options: { name: 'profile', unique: true } }],
  handlers: {
    'profile.created': (_current, { data: { profileId, name, rights } }) => ({ profileId, name, rights }),
    'profile.rights-changed': (current, { data: { rights } }) => current && { ...current, rights },
  },
});
