import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import type Redis from 'ioredis';
import type { Connection } from 'mongoose';
import { LoggerModule } from 'nestjs-pino';
import { ServiceDefaults, validateServiceEnv } from './config/validate-service-env';
import { connectionProviders } from './connections/connection.providers';
import { KAFKA, MONGO_CONNECTION, REDIS } from './connections/tokens';
import { HealthHttpController } from './health/health.http.controller';
import { HttpDrain } from './http/http-drain';

export interface RuntimeOptions extends ServiceDefaults {
  /** Values that win over process.env (tests give each file its own database and topics). */
  env?: Record<string, string>;
}

/** The last step of a shutdown: the workers stopped in beforeApplicationShutdown, the connections go. */
class ConnectionsCloser implements OnApplicationShutdown {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly mongo: Connection,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown() {
    await this.mongo.close();
    this.redis.disconnect();
  }
}

/** Config, JSON logs, connections and health endpoints for one service process. */
@Global()
@Module({})
export class RuntimeModule {
  static forService(options: RuntimeOptions): DynamicModule {
    const env = validateServiceEnv({ ...process.env, ...options.env }, options);
    return {
      module: RuntimeModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, validate: () => ({ ...env }) }),
        TerminusModule.forRoot({ logger: false }),
        LoggerModule.forRoot({
          pinoHttp: {
            name: options.name,
            level: env.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
      ],
      controllers: [HealthHttpController],
      providers: [...connectionProviders, ConnectionsCloser, HttpDrain],
      exports: [MONGO_CONNECTION, KAFKA, REDIS, HttpDrain],
    };
  }
}
