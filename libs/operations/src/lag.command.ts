import { Command } from 'commander';
import type { MongoEventStore } from '@itsm/eventsourcing';
import { EVENT_STORE } from '@itsm/runtime';
import { consumerLags } from './consumer-lag';
import type { ServiceContext } from './service-context';

/** `lag`: the relay's backlog (commits not yet on Kafka) and each consumer group's lag per partition. */
export function lagCommand(context: ServiceContext): Command {
  return new Command('lag')
    .description('relay lag (commits not yet published, age of the oldest) and consumer lag per group and partition')
    .action(async () => {
      const relay = await (await context.get<MongoEventStore>(EVENT_STORE)).relayLag();
      const oldest = relay.oldestPendingAt
        ? `, the oldest ${Math.round((Date.now() - relay.oldestPendingAt.getTime()) / 1000)} s old`
        : '';
      console.log(`relay: ${relay.pending} commits not yet published${oldest}, ${relay.parked} parked`);
      const { setting, kafka } = await context.settings();
      const admin = kafka.admin();
      await admin.connect();
      try {
        const prefix = `${setting('KAFKA_TOPIC_PREFIX')}${setting('SERVICE_NAME')}.`;
        const lags = await consumerLags(admin, prefix);
        if (lags.length === 0) console.log(`consumers: no group named ${prefix}* has committed yet`);
        for (const { group, topic, partition, committed, end, lag } of lags) {
          console.log(`consumer ${group} ${topic}[${partition}]: at ${committed ?? '-'} of ${end}, lag ${lag}`);
        }
      } finally {
        await admin.disconnect();
      }
    });
}
