import type { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@itsm/runtime';
import { useIsolatedStack } from '@itsm/testing';
import { IdentityModule } from './identity.module';

const stack = useIsolatedStack();

interface HealthReport {
  status: string;
  error: Record<string, { status: string }>;
  details: Record<string, { status: string }>;
}

async function startIdentity(env: Record<string, string>): Promise<{ app: INestApplication; url: string }> {
  const app = await createServiceApp(IdentityModule.register(env));
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

describe('identity readiness', () => {
  it('is ready when Mongo, Kafka and Redis all answer', async () => {
    const { app, url } = await startIdentity(stack.serviceEnv);
    try {
      const response = await fetch(`${url}/health/ready`);
      const body = (await response.json()) as HealthReport;
      expect(response.status).toBe(200);
      expect(body.status).toBe('ok');
      expect(Object.keys(body.details).sort()).toEqual(['kafka', 'mongo', 'redis']);
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('names Kafka as the failing dependency when it is unreachable, and stays live', async () => {
    const { app, url } = await startIdentity({ ...stack.serviceEnv, KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      const response = await fetch(`${url}/health/ready`);
      const body = (await response.json()) as HealthReport;
      expect(response.status).toBe(503);
      expect(body.error).toEqual({ kafka: expect.objectContaining({ status: 'down' }) });
      expect(body.details.mongo.status).toBe('up');
      expect(body.details.redis.status).toBe('up');
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('stays ready while Redis is unreachable, which holds only its rate limits (degraded, limits off)', async () => {
    const { app, url } = await startIdentity({ ...stack.serviceEnv, REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const response = await fetch(`${url}/health/ready`);
      const body = (await response.json()) as HealthReport;
      expect(response.status).toBe(200);
      expect(body.details.redis).toEqual({
        status: 'degraded',
        message: expect.stringMatching(/^rate limits are not enforced/),
      });
      expect(body.details.mongo.status).toBe('up');
    } finally {
      await app.close();
    }
  });
});
