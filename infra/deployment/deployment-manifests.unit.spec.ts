import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

// docker-compose.yml and k8s/ cannot run here (no Docker engine, no cluster): this checks that
// every service of apps/ has its container, manifests and probes, with matching image names.
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

function k8sDocuments(app: string) {
  const kustomization = parse(read(`k8s/base/${app}/kustomization.yaml`));
  return (kustomization.resources as string[]).flatMap((file) =>
    parseAllDocuments(read(`k8s/base/${app}/${file}`)).map((doc) => doc.toJS()),
  );
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

  it('builds every service from the shared multi-stage, non-root Dockerfile on Node 22 slim', () => {
    const dockerfile = read('infra/docker/Dockerfile');
    expect(dockerfile.match(/^FROM node:22-slim/gm)).toHaveLength(2);
    expect(dockerfile).toMatch(/^USER node$/m);
    for (const app of services) {
      expect(compose.services[app].build).toEqual(
        expect.objectContaining({ dockerfile: 'infra/docker/Dockerfile', args: { APP: app } }),
      );
      expect(compose.services[app].image).toBe(`itsm/${app}:latest`);
    }
  });

  it.each(services)('gives %s a Deployment with probes and resources, a Service, a ConfigMap and an HPA', (app) => {
    const documents = k8sDocuments(app);
    const byKind = (kind: string) => documents.filter((doc) => doc.kind === kind);
    expect(byKind('Service')).toHaveLength(1);
    expect(byKind('ConfigMap')).toHaveLength(1);
    const [hpa] = byKind('HorizontalPodAutoscaler');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: app });

    const [deployment] = byKind('Deployment');
    const container = deployment.spec.template.spec.containers[0];
    expect(container.image).toBe(compose.services[app].image);
    expect(container.livenessProbe.httpGet.path).toBe('/health/live');
    expect(container.readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container.resources.requests).toEqual(
      expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
    );
    expect(container.resources.limits).toEqual(
      expect.objectContaining({ cpu: expect.any(String), memory: expect.any(String) }),
    );
  });

  it('lists every service in the base and renames every image in the production overlay', () => {
    expect(parse(read('k8s/base/kustomization.yaml')).resources.sort()).toEqual([...services].sort());
    const overlay = parse(read('k8s/overlays/production/kustomization.yaml'));
    expect(overlay.resources).toEqual(['../../base']);
    expect(overlay.images.map((image: { name: string }) => image.name).sort()).toEqual(
      services.map((app) => `itsm/${app}`).sort(),
    );
  });

  it('is accepted by `docker compose config` where the compose plugin exists', () => {
    const plugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    // without the plugin (this machine has only the docker client) the structure checks above stand alone
    const result =
      plugin.status === 0 ? spawnSync('docker', ['compose', 'config', '-q'], { cwd: root }) : { status: 0 };
    expect(result.status).toBe(0);
  });
});
