import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

// docker-compose.yml cannot run here (no Docker engine): this checks that every service of apps/
// has its container with matching image names. k8s/: kubernetes-manifests.unit.spec.ts.
const root = path.resolve(__dirname, '../..');
// the gateway (`"deployment": "local"`) is `npm start`'s one origin: in Kubernetes the Ingress routes
const services = fs
  .readdirSync(path.join(root, 'apps'))
  .map((name) => ({ name, itsm: JSON.parse(read(`apps/${name}/package.json`)).itsm }))
  .filter(({ itsm }) => itsm?.port && itsm.deployment !== 'local')
  .map(({ name }) => name);

function read(relative: string): string {
  return fs.readFileSync(path.join(root, relative), 'utf8');
}

describe('deployment manifests', () => {
  const compose = parse(read('docker-compose.yml'));

  it('finds the services to check', () => {
    expect(services).toContain('identity');
  });

  it('runs the official images for Kafka (KRaft), MongoDB 7 as a replica set and Redis 7 with AOF', () => {
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:/);
    expect(compose.services.kafka.environment.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services.mongo.image).toBe('mongo:7');
    expect(compose.services.mongo.command).toContain('--replSet');
    expect(compose.services.redis.image).toBe('redis:7');
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  });

  it('publishes Kafka, MongoDB 7 and Redis on the local stack ports in the `dev` profile', () => {
    const dev = ['kafka-dev', 'mongo-dev', 'redis-dev'].map((name) => compose.services[name]);
    expect(dev.map((service) => service.profiles)).toEqual([['dev'], ['dev'], ['dev']]);
    expect(dev.map((service) => service.ports)).toEqual([
      ['127.0.0.1:19092:9092'],
      ['127.0.0.1:27027:27017'],
      ['127.0.0.1:16379:6379'],
    ]);
    expect(dev[0].environment.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(dev[1].image).toBe('mongo:7');
    // the platform's own services never wait on the dev ones
    for (const app of services)
      expect(Object.keys(compose.services[app].depends_on)).toEqual(['kafka', 'mongo', 'redis']);
  });

  it('builds every service from the shared multi-stage, non-root Dockerfile on Node 24 slim', () => {
    const dockerfile = read('infra/docker/Dockerfile');
    expect(dockerfile.match(/^FROM node:24-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    for (const app of services) {
      expect(compose.services[app].build).toEqual(
        expect.objectContaining({ dockerfile: 'infra/docker/Dockerfile', args: { APP: app } }),
      );
      expect(compose.services[app].image).toBe(`itsm/${app}:latest`);
    }
  });

  it('is accepted by `docker compose config` where the compose plugin exists', () => {
    const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    // without the plugin (this machine has only the docker client) the structure checks above stand alone
    const result =
      plugin.status === 0 ? spawnSync('docker', ['compose', 'config', '-q'], { cwd: root }) : { status: 0 };
    expect(result.status).toBe(0);
  });
});
