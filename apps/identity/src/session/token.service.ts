import { RIGHTS } from '@itsm/domain';
import { Inject, Injectable } from '@nestjs/common';
import { type AccessTokenIssuer } from '@itsm/auth';
import { SUPER_ADMIN_PROFILE_ID } from '../profile/profile.decider';
import { IdentityDirectory } from '../shared/identity-directory';
import type { UserListDoc } from '../user/read-models/user-list.projection';
import { ACCESS_TOKEN_ISSUER_TOKEN } from './tokens';
import type { SessionContext } from './session.store';

export interface TokenPair {
  tokenType: 'Bearer';
  accessToken: string;
  /** seconds */
  expiresIn: number;
  refreshToken?: string;
}

/** Access tokens carry the active profile's rights as they are now: edits apply at the next refresh. */
@Injectable()
export class TokenService {
  constructor(
    @Inject(ACCESS_TOKEN_ISSUER_TOKEN) private readonly issuer: AccessTokenIssuer,
    private readonly directory: IdentityDirectory,
  ) {}

  async issue(
    user: UserListDoc,
    context: SessionContext,
    sessionId: string,
    refreshToken?: string,
  ): Promise<TokenPair> {
    const profile = await this.directory.profile(context.profileId);
    const { token, expiresIn } = this.issuer.issue({
      sub: user.userId,
      login: user.login,
      name: user.displayName,
      pid: profile.profileId,
      // Super-Admin holds every right, also those added to the catalogue after it was recorded
      rights: profile.profileId === SUPER_ADMIN_PROFILE_ID ? [...RIGHTS] : profile.rights,
      eid: context.entityId,
      rec: context.recursive,
      sid: sessionId,
    });
    return { tokenType: 'Bearer', accessToken: token, expiresIn, ...(refreshToken ? { refreshToken } : {}) };
  }
}
