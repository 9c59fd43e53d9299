import { chooseStack, containerSpecs, dockerEndpoints, needsEngineProbe } from './stack-choice.mjs';

describe('choosing the local stack', () => {
  it('runs containers where a Docker engine answers, local processes where none does', () => {
    expect(chooseStack({ requested: undefined, engineAnswers: true, allExternal: false })).toBe('containers');
    expect(chooseStack({ requested: '', engineAnswers: false, allExternal: false })).toBe('processes');
  });

  it('follows ITSM_STACK, and says so when containers are asked for without an engine', () => {
    expect(chooseStack({ requested: 'processes', engineAnswers: undefined, allExternal: false })).toBe('processes');
    expect(chooseStack({ requested: 'processes', engineAnswers: true, allExternal: false })).toBe('processes');
    expect(chooseStack({ requested: 'containers', engineAnswers: true, allExternal: false })).toBe('containers');
    expect(() => chooseStack({ requested: 'containers', engineAnswers: false, allExternal: false })).toThrow(
      'ITSM_STACK=containers, but no Docker engine answers',
    );
    expect(() => chooseStack({ requested: 'docker', engineAnswers: true, allExternal: false })).toThrow(
      'ITSM_STACK must be processes or containers, got "docker"',
    );
  });

  it('starts nothing of its own when every piece points at an existing server', () => {
    expect(chooseStack({ requested: 'containers', engineAnswers: undefined, allExternal: true })).toBe('processes');
    expect(needsEngineProbe({ requested: undefined, allExternal: true })).toBe(false);
  });

  it('pings the engine only when its answer can change the choice', () => {
    expect(needsEngineProbe({ requested: undefined, allExternal: false })).toBe(true);
    expect(needsEngineProbe({ requested: 'containers', allExternal: false })).toBe(true);
    expect(needsEngineProbe({ requested: 'processes', allExternal: false })).toBe(false);
  });

  it('looks for the engine at DOCKER_HOST alone when set, else at the usual sockets', () => {
    expect(dockerEndpoints({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }, '/home/ann')).toEqual(['tcp://10.0.0.5:2375']);
    expect(dockerEndpoints({ XDG_RUNTIME_DIR: '/run/user/1000' }, '/home/ann')).toEqual([
      'unix:///var/run/docker.sock',
      'unix:///run/user/1000/docker.sock',
      'unix:///home/ann/.docker/run/docker.sock',
      'unix:///home/ann/.docker/desktop/docker.sock',
      'unix:///home/ann/.colima/default/docker.sock',
      'unix:///home/ann/.rd/docker.sock',
    ]);
  });

  it('publishes the containers on the processes’ ports: Kafka advertising the host port, MongoDB 7, Redis never evicting', () => {
    const specs = containerSpecs({ kafka: 19092, mongo: 27027, redis: 16379 });
    expect(specs.kafka.ports).toEqual([{ container: 9092, host: 19092 }]);
    expect(specs.kafka.env.KAFKA_ADVERTISED_LISTENERS).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(specs.mongo).toEqual(
      expect.objectContaining({ image: 'mongo:7', ports: [{ container: 27017, host: 27027 }] }),
    );
    expect(specs.redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'noeviction']));
  });
});
