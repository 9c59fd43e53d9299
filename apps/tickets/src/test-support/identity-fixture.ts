import { randomUUID } from 'node:crypto';
import { AccessTokenIssuer, RIGHTS, type Right } from '@itsm/auth';
import { topicFor, type ActorRef, type IdentityEvent } from '@itsm/contracts';
import { createIdempotentProducer, ensureTopics } from '@itsm/messaging';
import type { ManagedIsolatedStack } from '@itsm/testing';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';

/** Rights of GLPI's default profiles that the tickets tests play (identity owns the real ones). */
export const PROFILE_RIGHTS: Record<string, readonly Right[]> = {
  'super-admin': RIGHTS,
  technician: [
    'ticket.create',
    'ticket.read-own',
    'ticket.read-all',
    'ticket.steal',
    'ticket.update',
    'ticket.solve',
    'ticket.close',
    'ticket.reopen',
  ],
  supervisor: [
    'ticket.create',
    'ticket.read-own',
    'ticket.read-all',
    'ticket.steal',
    'ticket.assign',
    'ticket.update',
    'ticket.solve',
    'ticket.close',
    'ticket.reopen',
    'ticket.validate',
  ],
  observer: ['ticket.create', 'ticket.read-own', 'ticket.read-all', 'ticket.validate'],
  'self-service': ['ticket.create', 'ticket.read-own'],
};

export interface FixtureUser {
  userId: string;
  login: string;
  ref: ActorRef;
  /** an access token as identity would sign it, for this profile on this entity */
  token: string;
}

/**
 * Identity as tickets sees it: events on itsm.identity.events and RS256 tokens. The tickets tests
 * depend on identity's published contracts only, exactly as the tickets service does.
 */
export class IdentityFixture {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly issuer: AccessTokenIssuer;
  private readonly sequences = new Map<string, number>();
  private readonly topic: string;

  constructor(stack: ManagedIsolatedStack) {
    this.kafka = new Kafka({ brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
    this.producer = createIdempotentProducer(this.kafka);
    this.issuer = new AccessTokenIssuer({ privateKey: stack.serviceEnv.JWT_PRIVATE_KEY });
    this.topic = topicFor('identity', stack.topicPrefix);
    stack.onTeardown(() => this.producer.disconnect());
  }

  async connect(): Promise<void> {
    await ensureTopics(this.kafka, [this.topic, `${this.topic}.dlq`]);
    await this.producer.connect();
  }

  async entity(entityId: string, name: string, parentId: string | null): Promise<void> {
    const settings = {
      autoCloseMode: parentId ? 'inherit' : 'never',
      autoCloseDelayDays: 0,
      calendarId: null,
    } as const;
    await this.publish(`entity-${entityId}`, entityId, [
      { type: 'entity.created', data: { entityId, name, parentId, settings } },
    ]);
  }

  async entitySettings(
    entityId: string,
    autoCloseMode: 'inherit' | 'never' | 'days',
    autoCloseDelayDays = 0,
  ): Promise<void> {
    const settings = { autoCloseMode, autoCloseDelayDays, calendarId: null };
    await this.publish(`entity-${entityId}`, entityId, [
      { type: 'entity.settings-changed', data: { entityId, settings } },
    ]);
  }

  async user(
    login: string,
    profile: keyof typeof PROFILE_RIGHTS,
    { firstName = '', lastName = login, entityId = 'root', recursive = true } = {},
  ): Promise<FixtureUser> {
    const userId = uuidv7();
    await this.publish(`user-${userId}`, entityId, [
      {
        type: 'user.registered',
        data: {
          userId,
          login,
          firstName,
          lastName,
          emails: [],
          phone: null,
          location: null,
          active: true,
          defaultEntityId: entityId,
          defaultProfileId: profile,
        },
      },
    ]);
    const token = this.token(userId, login, profile, entityId, recursive);
    return { userId, login, ref: { kind: 'user', id: userId }, token };
  }

  token(
    userId: string,
    login: string,
    profile: keyof typeof PROFILE_RIGHTS,
    entityId = 'root',
    recursive = true,
  ): string {
    return this.issuer.issue({
      sub: userId,
      login,
      name: login,
      pid: profile,
      rights: [...PROFILE_RIGHTS[profile]],
      eid: entityId,
      rec: recursive,
      sid: randomUUID(),
    }).token;
  }

  async group(name: string, members: string[], entityId = 'root'): Promise<ActorRef> {
    const groupId = uuidv7();
    const roles = { isRequester: true, isObserver: true, isAssignee: true };
    await this.publish(`group-${groupId}`, entityId, [
      { type: 'group.created', data: { groupId, name, parentId: null, entityId, recursive: true, ...roles } },
      ...members.map((userId) => ({ type: 'group.member-added' as const, data: { groupId, userId } })),
    ]);
    return { kind: 'group', id: groupId };
  }

  private async publish(streamId: string, entityId: string, events: IdentityEvent[]): Promise<void> {
    const first = this.sequences.get(streamId) ?? 0;
    this.sequences.set(streamId, first + events.length);
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: events.map((event, index) => ({
        key: streamId,
        value: JSON.stringify({
          id: uuidv7(),
          type: event.type,
          schemaVersion: 1,
          streamId,
          sequence: first + index + 1,
          entityId,
          occurredAt: new Date().toISOString(),
          actor: { kind: 'system', id: 'identity-fixture' },
          correlationId: randomUUID(),
          causationId: randomUUID(),
          data: event.data,
        }),
      })),
    });
  }
}
