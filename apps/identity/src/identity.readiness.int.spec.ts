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

  it('stays ready for reads while Kafka is unreachable, reporting Kafka degraded', async () => {
    const { app, url } = await startIdentity({ ...stack.serviceEnv, KAFKA_BROKERS: '127.0.0.1:1' });
    try {
      const response = await fetch(`${url}/health/ready`);
      const body = (await response.json()) as HealthReport;
      expect(response.status).toBe(200);
      expect(body.status).toBe('degraded');
      expect(body.details.kafka).toEqual(
        expect.objectContaining({
          status: 'degraded',
          message: expect.stringMatching(/^commands and event publication wait for Kafka/),
        }),
      );
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

  it('is not ready while Mongo is unreachable, naming it, and stays live', async () => {
    const { app, url } = await startIdentity({
      ...stack.serviceEnv,
      MONGO_URL: 'mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=500',
      // the event flow's retries while Mongo is away are expected here
      LOG_LEVEL: 'error',
    });
    try {
      const response = await fetch(`${url}/health/ready`);
      const body = (await response.json()) as HealthReport;
      expect(response.status).toBe(503);
      expect(body.error).toEqual({ mongo: expect.objectContaining({ status: 'down' }) });
      expect(body.details.kafka.status).toBe('up');
      expect((await fetch(`${url}/health/live`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
