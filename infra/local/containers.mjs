// The stack as containers (testcontainers): Kafka, MongoDB 7 and Redis on the processes' host
// ports, so that every address in settings.mjs stays the same. They are "reusable" containers:
// testcontainers' reaper leaves them running after `npm start` returns, and the next run finds
// them again by their configuration; `npm stop` removes them by their label.
import { containerSpecs } from './stack-choice.mjs';
import { dataDir, ports } from './settings.mjs';

const LABEL = 'org.itsm.stack';

async function testcontainers() {
  // loaded only on this path: the processes' path must not need it
  return import('testcontainers');
}

/** Starts the containers of the requested pieces (by name: kafka, mongo, redis) that are not running. */
export async function startContainers(pieceNames) {
  const { GenericContainer, Wait } = await testcontainers();
  const specs = containerSpecs(ports);
  await Promise.all(
    pieceNames
      .filter((name) => specs[name])
      .map(async (name) => {
        const spec = specs[name];
        console.log(`[${name}] container ${spec.image} on 127.0.0.1:${spec.ports[0].host}`);
        let container = new GenericContainer(spec.image)
          .withName(`itsm-${name}-${spec.ports[0].host}`)
          .withLabels({ [LABEL]: dataDir, [`${LABEL}.piece`]: name })
          .withEnvironment(spec.env)
          .withExposedPorts(...spec.ports)
          .withWaitStrategy(Wait.forListeningPorts())
          .withReuse();
        if (spec.command.length > 0) container = container.withCommand(spec.command);
        await container.start();
      }),
  );
}

/** Removes the stack's containers (this data dir's only), with their data. */
export async function removeContainers(pieceNames) {
  const { getContainerRuntimeClient } = await testcontainers();
  const client = await getContainerRuntimeClient();
  for (const info of await client.container.list()) {
    const labels = info.Labels ?? {};
    if (labels[LABEL] !== dataDir || !pieceNames.includes(labels[`${LABEL}.piece`])) continue;
    const container = client.container.getById(info.Id);
    await client.container.stop(container, { timeout: 10 });
    await client.container.remove(container, { removeVolumes: true });
    console.log(`[${labels[`${LABEL}.piece`]}] container removed`);
  }
}
