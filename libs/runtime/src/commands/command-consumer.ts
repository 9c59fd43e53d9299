import type { CanActivate, INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { NestMicroservice } from '@nestjs/microservices';
import type { MongoEventStore } from '@itsm/eventsourcing';
import type { KafkaConnection } from '@itsm/messaging';
import type { Kafka } from 'kafkajs';
import type { Connection } from 'mongoose';
import { commandTopicSettings, type ServiceEnv } from '../config/service-env';
import { KAFKA, KAFKA_CONNECTION, MONGO_CONNECTION } from '../connections/tokens';
import { validationPipe } from '../http/validation';
import { commandTopicFor } from '@itsm/contracts';
import { countedBy } from '../event-sourcing/consumer-reports';
import { EVENT_STORE } from '../event-sourcing/tokens';
import { ConsumerLag } from '../observability/consumer-lag';
import { Metrics } from '../observability/metrics';
import { CommandErrorsFilter } from './command-errors.filter';
import { CommandResultStore } from './command-result.store';
import { KafkaCommandServer } from './kafka-command.server';
import { COMMAND_GUARD } from './tokens';

/**
 * Serves `itsm.<service>.commands` with the application's `@EventPattern` handlers, behind the
 * HTTP routes' guard and validation pipe. Call it from the app factory, before listening.
 */
export async function startCommandConsumer(app: INestApplication, service: string): Promise<void> {
  const config = app.get<ConfigService<ServiceEnv, true>>(ConfigService);
  const prefix = config.get('KAFKA_TOPIC_PREFIX', { infer: true });
  const groupId = `${prefix}${config.get('SERVICE_NAME', { infer: true })}.commands`;
  const commandTopic = commandTopicFor(service, prefix);
  app.get(ConsumerLag).watch(groupId, [commandTopic]);
  const strategy = new KafkaCommandServer({
    kafka: app.get<Kafka>(KAFKA),
    connection: app.get<KafkaConnection>(KAFKA_CONNECTION),
    service,
    topicPrefix: prefix,
    groupId,
    counted: countedBy(app.get(Metrics), groupId),
    results: new CommandResultStore(app.get<Connection>(MONGO_CONNECTION), app.get<MongoEventStore>(EVENT_STORE)),
    topicSettings: commandTopicSettings(config),
  });
  // initialised later, so that its handlers are built with the enhancers below
  const commands = app.connectMicroservice({ strategy }, { deferInitialization: true }) as NestMicroservice;
  // the application runs the lifecycle hooks once; the microservice must not run them again
  commands.setIsInitHookCalled(true);
  commands
    .useGlobalGuards(app.get<CanActivate>(COMMAND_GUARD))
    .useGlobalPipes(validationPipe())
    .useGlobalFilters(new CommandErrorsFilter());
  await app.startAllMicroservices();
}
