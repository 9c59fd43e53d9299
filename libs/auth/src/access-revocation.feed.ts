import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { ProjectionStore } from '@itsm/eventsourcing';
import { KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';
import { IdentityTopicFeed } from './identity-topic.feed';
import { ACCESS_REVOCATION_STORE } from './tokens';

/**
 * The access revocations, fed from identity's topic (identity itself writes them inline). A group
 * of its own that starts at the topic's beginning: it needs every grant to know what a revocation
 * leaves the user.
 */
@Injectable()
export class AccessRevocationFeed extends IdentityTopicFeed {
  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(ACCESS_REVOCATION_STORE) store: ProjectionStore<object>,
    config: ConfigService<ServiceEnv, true>,
  ) {
    super(kafka, store, config, 'auth-access-revocations', 'access revocations');
  }
}
