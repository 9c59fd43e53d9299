// Which local stack `npm test` and `npm start` run: plain processes (Kafka from Maven Central,
// FerretDB from the Go module proxy, Redis from Debian) or containers through testcontainers
// (Kafka, a real MongoDB 7, Redis) where a Docker engine answers. Pure: the caller probes.

export const stackKinds = ['processes', 'containers'];

/**
 * `requested` is ITSM_STACK (empty: choose), `engineAnswers` whether a Docker engine answered its
 * ping (undefined when it was not asked), `allExternal` whether KAFKA_BROKERS, MONGO_URL and
 * REDIS_URL all point at existing servers (then nothing is started either way).
 */
export function chooseStack({ requested, engineAnswers, allExternal }) {
  if (requested && !stackKinds.includes(requested)) {
    throw new Error(`ITSM_STACK must be ${stackKinds.join(' or ')}, got "${requested}"`);
  }
  if (allExternal) return 'processes';
  if (requested === 'containers' && engineAnswers === false) {
    throw new Error('ITSM_STACK=containers, but no Docker engine answers (DOCKER_HOST or its socket)');
  }
  if (requested) return requested;
  return engineAnswers ? 'containers' : 'processes';
}

/** Whether choosing needs the Docker engine's answer at all (it costs a ping of each socket). */
export const needsEngineProbe = ({ requested, allExternal }) => !allExternal && requested !== 'processes';

/**
 * Where a Docker engine may listen, in the order testcontainers looks: DOCKER_HOST alone when set,
 * else the system socket, the rootless one, Docker Desktop's, Colima's and Rancher Desktop's.
 */
export function dockerEndpoints(env, home) {
  if (env.DOCKER_HOST) return [env.DOCKER_HOST];
  return [
    'unix:///var/run/docker.sock',
    env.XDG_RUNTIME_DIR && `unix://${env.XDG_RUNTIME_DIR}/docker.sock`,
    `unix://${home}/.docker/run/docker.sock`,
    `unix://${home}/.docker/desktop/docker.sock`,
    `unix://${home}/.colima/default/docker.sock`,
    `unix://${home}/.rd/docker.sock`,
  ].filter(Boolean);
}

/** The containers of the stack, on the same host ports as the processes (settings.mjs). */
export function containerSpecs(ports) {
  return {
    kafka: {
      image: 'apache/kafka:3.9.1',
      ports: [{ container: 9092, host: ports.kafka }],
      env: {
        KAFKA_NODE_ID: '1',
        KAFKA_PROCESS_ROLES: 'broker,controller',
        KAFKA_LISTENERS: 'PLAINTEXT://:9092,CONTROLLER://:9093',
        // clients on the host reach the broker through the published port
        KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${ports.kafka}`,
        KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
        KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
        KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
        KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
        KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
        KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
        KAFKA_NUM_PARTITIONS: '3',
      },
      command: [],
    },
    // a one-node server, not a replica set: the services use no transactions nor change streams
    // (FerretDB has neither), and a replica set would advertise an address the host cannot reach
    mongo: { image: 'mongo:7', ports: [{ container: 27017, host: ports.mongo }], env: {}, command: ['--bind_ip_all'] },
    redis: {
      image: 'redis:7',
      ports: [{ container: 6379, host: ports.redis }],
      env: {},
      // BullMQ needs every key kept: never evict
      command: ['redis-server', '--appendonly', 'yes', '--maxmemory-policy', 'noeviction'],
    },
  };
}
