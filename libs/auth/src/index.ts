export { EntityTree, type EntityNode } from './entity-tree';
export {
  AccessTokenIssuer,
  AccessTokenVerifier,
  InvalidAccessTokenError,
  ACCESS_TOKEN_AUDIENCE,
  ACCESS_TOKEN_ISSUER,
  MAX_ACCESS_TOKEN_TTL_SECONDS,
  keyIdOf,
  type AccessTokenClaims,
  type VerifiedClaims,
  type AccessTokenIssuerOptions,
  type AccessTokenVerifierOptions,
} from './access-token';
export { callerFrom } from './caller';
export { assertMayManage, assertReachable, missingRights } from './escalation';
// the caller is a domain type; services name it through the guard that builds it
export { isSystemCaller, systemCaller, type Caller, type SystemCaller } from '@itsm/domain';
export { scopedFilter } from './scoped-filter';
export { entityTreeProjection, type EntityTreeNode } from './entity-tree.projection';
export { EntityTreeReader } from './entity-tree.reader';
export { reaches, type HeldAuthorization } from './authorization';
export {
  accessRevocationProjection,
  type AccessRevocationDoc,
  type AccountEndReason,
  type EndedSession,
  type SessionEndReason,
} from './access-revocation.projection';
export { RevocationList, type Refusal, type TokenFacts } from './revocation-list';
export { RevocationListReader } from './revocation-list.reader';
export { AuthEnv, authSettingsFrom, publicKeysIn, type AuthSettings } from './auth-env';
export { Public, RequireRights, CurrentCaller } from './decorators';
export { AccessGuard } from './access.guard';
export { ACCESS_REVOCATION_STORE, ENTITY_TREE_STORE } from './tokens';
export { AuthModule, type AuthOptions } from './auth.module';
export { commandMetadata, type CommandCause } from './command-metadata';
