import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { commandCatalogue, commandTopicFor, deadLetterTopicFor, eventCatalogue, topicFor } from '@itsm/contracts';
import { parse } from 'yaml';

// No cluster here: the production overlay is rendered with kustomize (installed by
// infra/local/kustomize.mjs) and every document is checked against its schema
// (infra/deployment/manifests.mjs), then against what the platform needs of it.
const root = path.resolve(__dirname, '../..');

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rendered YAML, checked field by field below
  spec: any;
  data?: Record<string, string>;
}

function renderAndValidate(overlay: string): { documents: Manifest[]; errors: string[]; status: number | null } {
  const result = spawnSync(process.execPath, [path.join(root, 'infra/deployment/manifests.mjs'), overlay], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  if (result.status === 2 || !result.stdout) throw new Error(`manifests.mjs failed: ${result.stderr}`);
  return { ...JSON.parse(result.stdout), status: result.status };
}

const backends = ['identity', 'tickets', 'sla', 'assets', 'reporting', 'imports'];
const deployed = [...backends, 'gateway'];
const scaledOnLag = ['sla', 'reporting'];
const apps = fs
  .readdirSync(path.join(root, 'apps'))
  .filter((name) => JSON.parse(fs.readFileSync(path.join(root, `apps/${name}/package.json`), 'utf8')).itsm?.port);

describe('kubernetes manifests (production overlay)', () => {
  let documents: Manifest[];
  const one = (kind: string, name: string) => {
    const found = documents.filter((doc) => doc.kind === kind && doc.metadata.name === name);
    expect(found).toHaveLength(1);
    return found[0];
  };
  const container = (app: string) => one('Deployment', app).spec.template.spec.containers[0];
  const config = (app: string) => one('ConfigMap', `${app}-config`).data ?? {};

  beforeAll(() => {
    const rendered = renderAndValidate('k8s/overlays/production');
    expect(rendered.errors).toEqual([]);
    expect(rendered.status).toBe(0);
    documents = rendered.documents;
  }, 600_000);

  it('validates every rendered document against its schema, and names the mistakes of a broken one', () => {
    expect(documents.length).toBeGreaterThan(50);
    expect(documents.every((doc) => doc.metadata.namespace === 'itsm')).toBe(true);
    const broken = renderAndValidate('infra/deployment/fixtures/broken');
    expect(broken.status).toBe(1);
    expect(broken.errors).toEqual([
      expect.stringMatching(/^Deployment\/broken: .*containerPort must be integer/),
      expect.stringMatching(/^KafkaTopic\/broken: .*must NOT have additional properties/),
    ]);
  });

  it('deploys every service of apps/ and the services to come, in the image the overlay renames', () => {
    expect(deployed).toEqual(expect.arrayContaining(apps));
    expect(parse(fs.readFileSync(path.join(root, 'k8s/base/kustomization.yaml'), 'utf8')).resources).toEqual([
      'platform',
      ...deployed,
    ]);
    for (const app of deployed) {
      expect(container(app).image).toBe(`registry.example.org/itsm/${app}:0.1.0`);
      expect(one('Service', app).spec.ports).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'http', port: 80 })]),
      );
    }
  });

  it.each(deployed)('drains %s before it stops, within a longer grace period, behind a PodDisruptionBudget', (app) => {
    const pod = one('Deployment', app).spec.template.spec;
    const [sleep, seconds] = container(app).lifecycle.preStop.exec.command;
    expect(sleep).toBe('sleep');
    const drainSeconds = Number(config(app).SHUTDOWN_DRAIN_MS ?? 5000) / 1000;
    // preStop, then SIGTERM and the service's own drain, then closing its consumers and connections
    expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(seconds) + drainSeconds + 10);
    expect(container(app).readinessProbe.httpGet.path).toBe('/health/ready');
    expect(container(app).livenessProbe.httpGet.path).toBe('/health/live');
    const budget = one('PodDisruptionBudget', app).spec;
    expect(budget.maxUnavailable).toBe(1);
    expect(budget.selector.matchLabels).toEqual(one('Deployment', app).spec.selector.matchLabels);
  });

  it.each(backends)('gives %s the JWT keys as files from the Secret, the private one to identity only', (app) => {
    const env = Object.fromEntries(
      (container(app).env as { name: string; value?: string; valueFrom?: unknown }[]).map((e) => [e.name, e]),
    );
    expect(Object.values(env).some((e) => JSON.stringify(e.valueFrom ?? '').includes('itsm-jwt'))).toBe(false);
    const jwtVolume = one('Deployment', app).spec.template.spec.volumes.find(
      (volume: { secret?: { secretName: string } }) => volume.secret?.secretName === 'itsm-jwt',
    );
    const mount = container(app).volumeMounts.find((m: { name: string }) => m.name === jwtVolume.name);
    expect(mount.readOnly).toBe(true);
    const files = jwtVolume.secret.items.map((item: { path: string }) => `${mount.mountPath}/${item.path}`);
    expect(env.JWT_PUBLIC_KEY_FILE.value).toBe(`${mount.mountPath}/public.pem`);
    if (app === 'identity') expect(env.JWT_PRIVATE_KEY_FILE.value).toBe(`${mount.mountPath}/private.pem`);
    else expect(env.JWT_PRIVATE_KEY_FILE).toBeUndefined();
    expect(files.sort()).toEqual(
      app === 'identity'
        ? [`${mount.mountPath}/private.pem`, `${mount.mountPath}/public.pem`]
        : [`${mount.mountPath}/public.pem`],
    );
  });

  it.each(backends)('lets %s believe the ingress about client addresses (TRUST_PROXY)', (app) => {
    expect(config(app).TRUST_PROXY).toBe('uniquelocal');
  });

  it('routes one host: /api/<service> to each service, everything else to the gateway', () => {
    const ingresses = documents.filter((doc) => doc.kind === 'Ingress');
    const rules = ingresses.flatMap((ingress) => ingress.spec.rules);
    expect(new Set(rules.map((rule: { host: string }) => rule.host))).toEqual(new Set(['itsm.example.org']));
    const routes = rules.flatMap(
      (rule: { http: { paths: { path: string; backend: { service: { name: string } } }[] } }) =>
        rule.http.paths.map((p) => [p.path, p.backend.service.name]),
    );
    expect(routes).toEqual(
      expect.arrayContaining([...backends.map((app) => [`/api/${app}(/|$)(.*)`, app]), ['/', 'gateway']]),
    );
    expect(one('Ingress', 'itsm-api').metadata).toBeDefined();
  });

  it('lets each service reach only its dependencies, everything else refused by default', () => {
    const deny = one('NetworkPolicy', 'default-deny').spec;
    expect(deny).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const egressPorts = (app: string) =>
      one('NetworkPolicy', app).spec.egress.flatMap((rule: { ports: { port: number | string }[] }) =>
        rule.ports.map((p) => p.port),
      );
    for (const app of backends) expect(egressPorts(app).sort()).toEqual([27017, 53, 53, 6379, 9093]);
    expect(egressPorts('gateway')).toEqual([53, 53, 'http']);
    for (const app of deployed) {
      const policy = one('NetworkPolicy', app);
      expect(policy.spec.podSelector.matchLabels).toEqual(one('Deployment', app).spec.selector.matchLabels);
      // peers must never be selected by labels kustomize rewrites (they would select the service itself)
      const peers = [
        ...policy.spec.ingress.flatMap((r: { from: unknown[] }) => r.from),
        ...policy.spec.egress.flatMap((r: { to: unknown[] }) => r.to),
      ];
      expect(
        peers.every((peer) => !(peer as { podSelector?: { matchLabels?: unknown } }).podSelector?.matchLabels),
      ).toBe(true);
    }
  });

  it.each(deployed)('has Prometheus scrape /metrics of %s on the metrics port the service listens on', (app) => {
    const [endpoint] = one('ServiceMonitor', app).spec.endpoints;
    expect(endpoint).toEqual(expect.objectContaining({ port: 'metrics', path: '/metrics' }));
    const port = container(app).ports.find((p: { name: string }) => p.name === 'metrics');
    expect(String(port.containerPort)).toBe(config(app).METRICS_PORT);
    expect(one('ServiceMonitor', app).spec.selector.matchLabels['app.kubernetes.io/name']).toBe(app);
  });

  it('scales the consumer-heavy services on consumer lag with CPU as a fallback, the others on CPU', () => {
    for (const app of deployed) {
      const hpa = documents.filter((doc) => doc.kind === 'HorizontalPodAutoscaler' && doc.metadata.name === app);
      const scaled = documents.filter((doc) => doc.kind === 'ScaledObject' && doc.metadata.name === app);
      // one autoscaler per Deployment: KEDA builds its own HPA, a second one would fight it
      expect([hpa.length, scaled.length]).toEqual(scaledOnLag.includes(app) ? [0, 1] : [1, 0]);
    }
    for (const app of scaledOnLag) {
      const spec = one('ScaledObject', app).spec;
      expect(spec.triggers.map((trigger: { type: string }) => trigger.type)).toEqual(
        expect.arrayContaining(['kafka', 'cpu']),
      );
      expect(spec.minReplicaCount).toBe(3);
      const partitions = (topic: string) => one('KafkaTopic', topic).spec.partitions;
      for (const trigger of spec.triggers.filter((t: { type: string }) => t.type === 'kafka')) {
        expect(trigger.metadata.consumerGroup).toMatch(new RegExp(`^${app}\\.`));
        expect(spec.maxReplicaCount).toBeLessThanOrEqual(partitions(trigger.metadata.topic));
        expect(one('TriggerAuthentication', trigger.authenticationRef.name)).toBeDefined();
      }
    }
  });

  it('declares every event, command and dead-letter topic with its partitions, replicas and retention', () => {
    const topics = documents.filter((doc) => doc.kind === 'KafkaTopic');
    const names = topics.map((topic) => topic.metadata.name);
    const eventTopics = [...eventCatalogue.map(({ context }) => topicFor(context)), topicFor('assets')];
    const commandTopics = commandCatalogue.map(({ service }) => commandTopicFor(service));
    expect(names).toEqual(
      expect.arrayContaining([...eventTopics, ...commandTopics].flatMap((topic) => [topic, deadLetterTopicFor(topic)])),
    );
    for (const topic of topics) {
      expect(topic.spec.replicas).toBe(3);
      expect(topic.spec.config['min.insync.replicas']).toBe(2);
      expect(topic.metadata.labels?.['strimzi.io/cluster']).toBe('itsm');
    }
    for (const topic of eventTopics) expect(one('KafkaTopic', topic).spec.config['retention.ms']).toBe(-1);
  });

  it.each(backends)('gives %s a Kafka user whose rights name only declared topics and its own groups', (app) => {
    const user = one('KafkaUser', app).spec;
    expect(user.authentication.type).toBe('scram-sha-512');
    const topicNames = new Set(documents.filter((doc) => doc.kind === 'KafkaTopic').map((doc) => doc.metadata.name));
    for (const { resource, operations } of user.authorization.acls) {
      expect(operations).not.toContain('All');
      if (resource.type === 'topic' && resource.patternType === 'literal') expect(topicNames).toContain(resource.name);
      if (resource.type === 'group')
        expect(resource).toEqual({ type: 'group', name: `${app}.`, patternType: 'prefix' });
    }
    const secretVolume = one('Deployment', app).spec.template.spec.volumes.find(
      (volume: { secret?: { secretName: string } }) => volume.secret?.secretName === app,
    );
    expect(secretVolume).toBeDefined();
  });
});
