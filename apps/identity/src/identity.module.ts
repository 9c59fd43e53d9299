import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import {
  AccessTokenIssuer,
  AuthModule,
  accessRevocationProjection,
  authSettingsFrom,
  entityTreeProjection,
} from '@itsm/auth';
import { directoryEntitiesProjection } from '@itsm/directory';
import { EventSourcingModule, RateLimits, RuntimeModule } from '@itsm/runtime';
import { AccountStore } from './credentials/account.store';
import { PasswordHasher } from './credentials/password-hasher';
import { EntityHttpController } from './entity/entity.http.controller';
import { EntityQueries } from './entity/queries/list-entities.query';
import { CreateEntityHandler } from './entity/use-cases/create-entity/create-entity.handler';
import { MoveEntityHandler } from './entity/use-cases/move-entity/move-entity.handler';
import { UpdateEntityHandler } from './entity/use-cases/update-entity/update-entity.handler';
import { GroupHttpController } from './group/group.http.controller';
import { GroupQueries } from './group/queries/list-groups.query';
import { groupListProjection } from './group/read-models/group-list.projection';
import { ChangeMembershipHandler } from './group/use-cases/change-membership/change-membership.handler';
import { CreateGroupHandler } from './group/use-cases/create-group/create-group.handler';
import { UpdateGroupHandler } from './group/use-cases/update-group/update-group.handler';
import { IdentityBootstrap } from './identity.bootstrap';
import { loadIdentitySettings } from './identity.env';
import { ProfileHttpController } from './profile/profile.http.controller';
import { ProfileQueries } from './profile/queries/list-profiles.query';
import { profileListProjection } from './profile/read-models/profile-list.projection';
import { ChangeProfileRightsHandler } from './profile/use-cases/change-profile-rights/change-profile-rights.handler';
import { CreateProfileHandler } from './profile/use-cases/create-profile/create-profile.handler';
import { AuthHttpController } from './session/auth.http.controller';
import { LoginThrottle } from './session/login-throttle';
import { MeQuery } from './session/queries/me.query';
import { SessionStore } from './session/session.store';
import { TokenService } from './session/token.service';
import { ACCESS_TOKEN_ISSUER_TOKEN, IDENTITY_SETTINGS, LOGIN_THROTTLE } from './session/tokens';
import { LoginHandler } from './session/use-cases/login/login.handler';
import { EndSessionHandler } from './session/use-cases/end-session/end-session.handler';
import { RefreshHandler } from './session/use-cases/refresh/refresh.handler';
import { SwitchContextHandler } from './session/use-cases/switch-context/switch-context.handler';
import { IdentityDirectory } from './shared/identity-directory';
import { UserQueries } from './user/queries/list-users.query';
import { userListProjection } from './user/read-models/user-list.projection';
import { ChangePasswordHandler } from './user/use-cases/change-password/change-password.handler';
import { EraseUserHandler } from './user/use-cases/erase-user/erase-user.handler';
import { GrantAuthorizationHandler } from './user/use-cases/grant-authorization/grant-authorization.handler';
import { RegisterUserHandler } from './user/use-cases/register-user/register-user.handler';
import { GrantAuthorizationKafkaController } from './user/use-cases/grant-authorization/grant-authorization.kafka.controller';
import { RegisterUserKafkaController } from './user/use-cases/register-user/register-user.kafka.controller';
import { UpdateUserKafkaController } from './user/use-cases/update-user/update-user.kafka.controller';
import { CreateGroupKafkaController } from './group/use-cases/create-group/create-group.kafka.controller';
import { UpdateGroupKafkaController } from './group/use-cases/update-group/update-group.kafka.controller';
import { AddMemberKafkaController } from './group/use-cases/change-membership/add-member.kafka.controller';
import { GroupsToJoin } from './group/use-cases/change-membership/groups-to-join';
import { CreateEntityKafkaController } from './entity/use-cases/create-entity/create-entity.kafka.controller';
import { RevokeAuthorizationHandler } from './user/use-cases/revoke-authorization/revoke-authorization.handler';
import { SetUserActiveHandler } from './user/use-cases/set-user-active/set-user-active.handler';
import { UpdateUserHandler } from './user/use-cases/update-user/update-user.handler';
import { UserHttpController } from './user/user.http.controller';

export const IDENTITY_DEFAULTS = { name: 'identity', port: 3001 };

const commandHandlers = [
  CreateEntityHandler,
  UpdateEntityHandler,
  MoveEntityHandler,
  RegisterUserHandler,
  UpdateUserHandler,
  SetUserActiveHandler,
  ChangePasswordHandler,
  EraseUserHandler,
  GrantAuthorizationHandler,
  RevokeAuthorizationHandler,
  CreateGroupHandler,
  UpdateGroupHandler,
  ChangeMembershipHandler,
  CreateProfileHandler,
  ChangeProfileRightsHandler,
  LoginHandler,
  RefreshHandler,
  SwitchContextHandler,
  EndSessionHandler,
];

export interface IdentityModuleOptions {
  /** false for one-shot processes (the seed): no relay nor consumers, the service does that */
  background?: boolean;
}

@Module({})
export class IdentityModule {
  static register(env: Record<string, string> = {}, options: IdentityModuleOptions = {}): DynamicModule {
    const settings = loadIdentitySettings({ ...process.env, ...env });
    // other services verify with the public key alone; identity derives it from its private key
    // and with the published ones (a key rotation's old or next key), from JWT_PUBLIC_KEYS or JWT_PUBLIC_KEY_FILE
    const publicKeys = [settings.publicKey, ...publishedKeys({ ...process.env, ...env })];
    return {
      module: IdentityModule,
      imports: [
        // Redis holds only its rate limits: it serves, limits off, while Redis is away
        RuntimeModule.forService({ ...IDENTITY_DEFAULTS, env, redis: 'rate-limits-only' }),
        EventSourcingModule.forContext({
          context: 'identity',
          projections: [
            // identity's own list of entities is the one every service keeps of them
            directoryEntitiesProjection,
            // the guard's read models, written inline: a revocation applies here without Kafka
            entityTreeProjection,
            accessRevocationProjection,
            userListProjection,
            groupListProjection,
            profileListProjection,
          ],
          background: options.background ?? true,
        }),
        AuthModule.forService({ env: { ...env, JWT_PUBLIC_KEYS: publicKeys.join('\n') }, feedFromIdentity: false }),
        CqrsModule.forRoot(),
      ],
      controllers: [
        AuthHttpController,
        EntityHttpController,
        UserHttpController,
        GroupHttpController,
        ProfileHttpController,
        RegisterUserKafkaController,
        UpdateUserKafkaController,
        GrantAuthorizationKafkaController,
        CreateGroupKafkaController,
        UpdateGroupKafkaController,
        AddMemberKafkaController,
        CreateEntityKafkaController,
      ],
      providers: [
        { provide: IDENTITY_SETTINGS, useValue: settings },
        {
          provide: ACCESS_TOKEN_ISSUER_TOKEN,
          useValue: new AccessTokenIssuer({
            privateKey: settings.privateKey,
            ttlSeconds: settings.ACCESS_TOKEN_TTL_SECONDS,
          }),
        },
        {
          provide: LOGIN_THROTTLE,
          inject: [RateLimits],
          useFactory: (limits: RateLimits) =>
            new LoginThrottle(limits, {
              maxFailures: settings.LOGIN_MAX_FAILURES,
              failureWindowSeconds: settings.LOGIN_FAILURE_WINDOW_SECONDS,
            }),
        },
        AccountStore,
        PasswordHasher,
        SessionStore,
        TokenService,
        IdentityDirectory,
        EntityQueries,
        UserQueries,
        GroupQueries,
        ProfileQueries,
        MeQuery,
        IdentityBootstrap,
        GroupsToJoin,
        ...commandHandlers,
      ],
    };
  }
}

function publishedKeys(raw: Record<string, string | undefined>): string[] {
  return raw.JWT_PUBLIC_KEYS || raw.JWT_PUBLIC_KEY_FILE ? authSettingsFrom(raw).publicKeys : [];
}
