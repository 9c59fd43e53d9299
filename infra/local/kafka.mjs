// Apache Kafka in KRaft mode (one node, broker + controller), from the jars on Maven Central.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, external, paths, ports, stackEnv } from './settings.mjs';
import { commandExists, run, spawnDetached } from './process.mjs';
import { kafkaAnswers } from './probes.mjs';

const home = path.join(dataDir, 'kafka');
const libs = path.join(home, 'libs');
const storage = path.join(home, 'data');
const config = path.join(home, 'server.properties');
const heap = process.env.ITSM_KAFKA_HEAP ?? '-Xms128m -Xmx512m';

export const kafka = {
  name: 'kafka',
  external: Boolean(external.kafka),
  endpoint: () => stackEnv().KAFKA_BROKERS,
  ready: () => kafkaAnswers(stackEnv().KAFKA_BROKERS),

  install() {
    if (fs.existsSync(path.join(libs, '.complete'))) return;
    for (const tool of ['java', 'mvn']) {
      if (!commandExists(tool)) throw new Error(`${tool} is required to install Kafka (Java 17 and Maven)`);
    }
    console.log('[kafka] resolving the Kafka jars from Maven Central (first run only)');
    fs.rmSync(libs, { recursive: true, force: true });
    const pom = path.join(paths.repoRoot, 'infra/local/kafka/pom.xml');
    run('mvn', [
      '-q',
      '-B',
      '-f',
      pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libs}`,
    ]);
    fs.writeFileSync(path.join(libs, '.complete'), new Date().toISOString());
  },

  start() {
    writeConfig();
    if (!fs.existsSync(path.join(storage, 'meta.properties'))) {
      const clusterId = randomBytes(16).toString('base64url');
      run('java', ['-cp', `${libs}/*`, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', config], {
        stdio: 'ignore',
      });
    }
    const log4j = path.join(paths.repoRoot, 'infra/local/kafka/log4j.properties');
    return spawnDetached('kafka', 'java', [
      ...heap.split(' '),
      '-XX:+UseSerialGC',
      '-Djava.awt.headless=true',
      `-Dlog4j.configuration=file:${log4j}`,
      `-Dkafka.logs.dir=${paths.logs}`,
      '-cp',
      `${libs}/*`,
      'kafka.Kafka',
      config,
    ]);
  },
};

function writeConfig() {
  fs.mkdirSync(home, { recursive: true });
  const settings = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.voters': `1@127.0.0.1:${ports.kafkaController}`,
    listeners: `PLAINTEXT://127.0.0.1:${ports.kafka},CONTROLLER://127.0.0.1:${ports.kafkaController}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${ports.kafka}`,
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'log.dirs': storage,
    'num.partitions': 3,
    'auto.create.topics.enable': true,
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 4,
    // a single local node: rebalance at once instead of waiting for more members
    'group.initial.rebalance.delay.ms': 0,
    'log.retention.hours': 24,
    'log.segment.bytes': 64 * 1024 * 1024,
    'num.network.threads': 2,
    'num.io.threads': 4,
  };
  const text = Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  fs.writeFileSync(config, `${text}\n`);
}
