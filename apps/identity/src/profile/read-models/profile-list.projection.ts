import { defineProjection } from '@itsm/eventsourcing';

export interface ProfileListDoc {
  profileId: string;
  name: string;
  interface: 'central' | 'helpdesk';
  rights: string[];
}

export const profileListProjection = defineProjection<ProfileListDoc>({
  name: 'profile_list',
  indexes: [{ keys: { profileId: 1 }, options: { name: 'profile', unique: true } }],
  handlers: {
    'profile.created': (_current, { data }) => ({ ...data }),
    'profile.rights-changed': (current, { data }) => current && { ...current, rights: data.rights },
  },
});
