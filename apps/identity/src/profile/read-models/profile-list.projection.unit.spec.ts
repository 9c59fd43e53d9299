import type { ProfileEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { profileListProjection } from './profile-list.projection';

const created: ProfileEvent = {
  type: 'profile.created',
  data: { profileId: 'p1', name: 'Hotliner', interface: 'central', rights: ['ticket.read'] },
};

describe('the profile list', () => {
  it('given a profile created, then it is listed with its rights', () => {
    expect(projectEvents(profileListProjection, [created])).toEqual(created.data);
  });

  it('when its rights change, then the new rights replace the former', () => {
    expect(
      projectEvents(profileListProjection, [
        created,
        { type: 'profile.rights-changed', data: { profileId: 'p1', rights: ['ticket.read', 'ticket.create'] } },
      ]),
    ).toEqual({ ...created.data, rights: ['ticket.read', 'ticket.create'] });
  });

  it('given a change of a profile never created, then nothing is kept', () => {
    expect(
      projectEvents(profileListProjection, [{ type: 'profile.rights-changed', data: { profileId: 'p2', rights: [] } }]),
    ).toBeNull();
  });
});
