import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ProjectionStore } from '@itsm/eventsourcing';
import { KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { IdentityTopicFeed } from './identity-topic.feed';
import { ENTITY_TREE_STORE } from './tokens';

/** The entity tree, fed from identity's topic (identity itself writes it inline). */
@Injectable()
export class EntityTreeFeed extends IdentityTopicFeed {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(ENTITY_TREE_STORE) store: ProjectionStore<object>,
    config: ConfigService<ServiceEnv, true>,
  ) {
    super(kafka, store, config, 'auth-entity-tree', 'entity tree');
  }
}
