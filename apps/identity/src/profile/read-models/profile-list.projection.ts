import type { ProfileEvent } from '@itsm/contracts';
import type { Projection } from '@itsm/eventsourcing';

export interface ProfileListDoc {
  profileId: string;
  name: string;
  interface: 'central' | 'helpdesk';
  rights: string[];
}

export const profileListProjection: Projection<ProfileListDoc> = {
  name: 'profile_list',
  handles: new Set(['profile.created', 'profile.rights-changed']),
  indexes: [{ keys: { profileId: 1 }, options: { name: 'profile', unique: true } }],
  apply(current, envelope) {
    const event = envelope as unknown as ProfileEvent;
    if (event.type === 'profile.created') return { ...event.data };
    return current && { ...current, rights: event.data.rights };
  },
};
