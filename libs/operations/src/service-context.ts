import type { DynamicModule, INestApplicationContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { KAFKA, type ServiceEnv } from '@itsm/runtime';
import type { Kafka } from 'kafkajs';

/**
 * The service's module as a one-shot process: its providers (stores, handlers, Kafka client)
 * without listening, consumers or relay. Opened at the first use: commands that need none of it
 * (rotate-jwt-key) start nothing.
 */
export class ServiceContext {
  private app?: Promise<INestApplicationContext>;

  constructor(private readonly module: () => DynamicModule) {}

  async get<T>(token: string | symbol | (abstract new (...args: never[]) => T)): Promise<T> {
    this.app ??= NestFactory.createApplicationContext(this.module(), { logger: ['error', 'warn'] });
    return (await this.app).get<T>(token as never);
  }

  /** The service's validated settings and its Kafka client (TLS and SASL included). */
  async settings() {
    const config = await this.get<ConfigService<ServiceEnv, true>>(ConfigService);
    const setting = <Key extends keyof ServiceEnv>(key: Key): ServiceEnv[Key] => config.get(key, { infer: true });
    return { setting, kafka: await this.get<Kafka>(KAFKA) };
  }

  async close(): Promise<void> {
    await (await this.app)?.close();
  }
}
