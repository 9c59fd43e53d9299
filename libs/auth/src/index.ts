export { EntityTree, type EntityNode } from './entity-tree';
export {
  AccessTokenIssuer,
  AccessTokenVerifier,
  InvalidAccessTokenError,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  keyIdOf,
  type AccessTokenClaims,
  type AccessTokenIssuerOptions,
  type AccessTokenVerifierOptions,
} from './access-token';
export { callerFrom } from './caller';
// the caller is a domain type; services name it through the guard that builds it
export { isSystemCaller, systemCaller, type Caller, type SystemCaller } from '@itsm/domain';
export { scopedFilter } from './scoped-filter';
export { entityTreeProjection, type EntityTreeNode } from './entity-tree.projection';
export { EntityTreeReader } from './entity-tree.reader';
export { AuthEnv, authSettingsFrom, publicKeysIn, type AuthSettings } from './auth-env';
export { Public, RequireRights, CurrentCaller } from './decorators';
export { AccessGuard } from './access.guard';
export { ENTITY_TREE_STORE } from './tokens';
export { AuthModule, type AuthOptions } from './auth.module';
export { commandMetadata, type CommandCause } from './command-metadata';
