import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import type { ServiceEnv } from '../config/service-env';

interface Exchange {
  setHeader(name: string, value: string): void;
  once(event: 'close', listener: () => void): void;
}

/**
 * The first step of a shutdown (onModuleDestroy runs before the workers stop in
 * beforeApplicationShutdown and the connections close in onApplicationShutdown): stop accepting,
 * answer what is under way with `Connection: close`, close idle keep-alive connections, and cut
 * what is left after SHUTDOWN_DRAIN_MS. Without it, busy keep-alive clients are served for ever.
 */
@Injectable()
export class HttpDrain implements OnModuleDestroy {
  private inFlight = 0;
  private draining = false;
  private drained = () => {};

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: ConfigService<ServiceEnv, true>,
  ) {}

  /** Express middleware counting the requests under way. */
  readonly track = (_req: unknown, res: Exchange, next: () => void): void => {
    this.inFlight++;
    if (this.draining) res.setHeader('Connection', 'close');
    res.once('close', () => {
      this.inFlight--;
      if (!this.draining) return;
      this.server()?.closeIdleConnections();
      if (this.inFlight === 0) this.drained();
    });
    next();
  };

  async onModuleDestroy(): Promise<void> {
    const server = this.server();
    if (!server?.listening) return;
    this.draining = true;
    const finished = new Promise<void>((resolve) => (this.drained = resolve));
    server.close();
    server.closeIdleConnections();
    if (this.inFlight > 0) {
      const limit = this.config.get('SHUTDOWN_DRAIN_MS', { infer: true });
      await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, limit).unref())]);
    }
    server.closeAllConnections();
  }

  private server(): Server | undefined {
    return this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
  }
}
