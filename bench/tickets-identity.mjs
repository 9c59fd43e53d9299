// What the tickets benchmarks need of identity: its events for the root entity, ten sub-entities
// and one user, published on identity's topic, and an access token of that user with every right.
import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer } from '@itsm/auth';
import { RIGHTS } from '@itsm/domain';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import { Kafka, logLevel } from 'kafkajs';

/** ttlSeconds: the issuer's default (15 minutes) unless a long bench asks more (an hour at most) */
export function superAdminToken(keys, userId, ttlSeconds = undefined) {
  return new AccessTokenIssuer({ privateKey: keys.privateKey, ttlSeconds }).issue({
    sub: userId,
    login: 'bench',
    name: 'bench',
    pid: 'super-admin',
    rights: [...RIGHTS],
    eid: 'root',
    rec: true,
    sid: randomUUID(),
  }).token;
}

/** What the service learns from identity: the root entity and one user, on identity's topic. */
export async function publishIdentity(env, prefix) {
  const kafka = new Kafka({ brokers: env.KAFKA_BROKERS.split(','), logLevel: logLevel.NOTHING });
  const topic = `${prefix}itsm.identity.events`;
  await ensureTopics(kafka, [topic, `${topic}.dlq`]);
  const producer = createIdempotentProducer(kafka);
  await producer.connect();
  const userId = randomUUID();
  const envelope = (streamId, type, data) => ({
    key: streamId,
    value: JSON.stringify({
      id: randomUUID(),
      type,
      schemaVersion: 1,
      streamId,
      sequence: 1,
      entityId: 'root',
      occurredAt: new Date().toISOString(),
      actor: { kind: 'system', id: 'bench' },
      correlationId: 'bench',
      causationId: 'bench',
      data,
    }),
  });
  await producer.send({
    topic,
    acks: -1,
    messages: [
      envelope('entity-root', 'entity.created', {
        entityId: 'root',
        name: 'Entité racine',
        parentId: null,
        settings: { autoCloseMode: 'never', autoCloseDelayDays: 0, calendarId: null },
      }),
      // ten sub-entities the 100,000 tickets are spread over
      ...Array.from({ length: 10 }, (_, i) =>
        envelope(`entity-entity-${i}`, 'entity.created', {
          entityId: `entity-${i}`,
          name: `Filiale ${i}`,
          parentId: 'root',
          settings: { autoCloseMode: 'inherit', autoCloseDelayDays: 0, calendarId: null },
        }),
      ),
      envelope(`user-${userId}`, 'user.registered', {
        userId,
        login: 'bench',
        firstName: '',
        lastName: 'bench',
        emails: [],
        phone: null,
        location: null,
        active: true,
        defaultEntityId: 'root',
        defaultProfileId: null,
      }),
    ],
  });
  await producer.disconnect();
  return userId;
}
