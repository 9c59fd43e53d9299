import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ProjectionStore } from '@itsm/eventsourcing';
import { COMMAND_GUARD, MONGO_CONNECTION } from '@itsm/runtime';
import type { Connection } from 'mongoose';
import { AccessGuard } from './access.guard';
import { accessRevocationProjection, type AccessRevocationDoc } from './access-revocation.projection';
import { AccessTokenVerifier } from './access-token';
import { authSettingsFrom } from './auth-env';
import { entityTreeProjection, type EntityTreeNode } from './entity-tree.projection';
import { EntityTreeReader } from './entity-tree.reader';
import { IdentityTopicFeed } from './identity-topic.feed';
import { RevocationListReader } from './revocation-list.reader';
import { ACCESS_REVOCATION_STORE, ENTITY_TREE_STORE } from './tokens';

export interface AuthOptions {
  /** Values that win over process.env, as in RuntimeModule.forService. */
  env?: Record<string, string>;
  /**
   * false in the identity service, which writes the entity tree and the access revocations itself
   * (inline, read-your-writes: they are among its own projections)
   */
  feedFromIdentity?: boolean;
}

/** Puts AccessGuard in front of every route of the service; import it beside RuntimeModule. */
@Global()
@Module({})
export class AuthModule {
  static forService(options: AuthOptions = {}): DynamicModule {
    // fails at start, before anything listens, when the keys are missing or unreadable
    const settings = authSettingsFrom({ ...process.env, ...options.env });
    return {
      module: AuthModule,
      providers: [
        { provide: AccessTokenVerifier, useValue: new AccessTokenVerifier(settings) },
        {
          provide: ENTITY_TREE_STORE,
          inject: [MONGO_CONNECTION],
          useFactory: (connection: Connection) => new ProjectionStore(connection, entityTreeProjection),
        },
        {
          provide: EntityTreeReader,
          inject: [ENTITY_TREE_STORE],
          useFactory: (store: ProjectionStore<EntityTreeNode>) => new EntityTreeReader(store),
        },
        {
          provide: ACCESS_REVOCATION_STORE,
          inject: [MONGO_CONNECTION],
          useFactory: (connection: Connection) => new ProjectionStore(connection, accessRevocationProjection),
        },
        {
          provide: RevocationListReader,
          inject: [ACCESS_REVOCATION_STORE],
          useFactory: (store: ProjectionStore<AccessRevocationDoc>) => new RevocationListReader(store),
        },
        ...(options.feedFromIdentity === false ? [] : [IdentityTopicFeed]),
        AccessGuard,
        { provide: APP_GUARD, useExisting: AccessGuard },
        // the same guard in front of the commands received over Kafka
        { provide: COMMAND_GUARD, useExisting: AccessGuard },
      ],
      exports: [
        AccessTokenVerifier,
        ENTITY_TREE_STORE,
        EntityTreeReader,
        ACCESS_REVOCATION_STORE,
        RevocationListReader,
        COMMAND_GUARD,
      ],
    };
  }
}
