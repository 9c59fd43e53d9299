import { Injectable } from '@nestjs/common';
import { PageQuery, pageOf } from '@itsm/runtime';
import { IdentityDirectory } from '../../shared/identity-directory';
import type { ProfileListDoc } from '../read-models/profile-list.projection';

const profileView = ({ profileId, name, interface: ui, rights }: ProfileListDoc) => ({
  profileId,
  name,
  interface: ui,
  rights,
});

/** Profiles are global (as in GLPI): anyone with profile.read sees them all. */
@Injectable()
export class ProfileQueries {
  constructor(private readonly directory: IdentityDirectory) {}

  async list(query: PageQuery) {
    return pageOf(await this.directory.profiles(), {}, query, 'name', profileView);
  }

  async get(profileId: string) {
    return profileView(await this.directory.profile(profileId));
  }
}
