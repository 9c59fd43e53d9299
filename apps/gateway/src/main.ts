import { gatewaySettings } from './gateway.env';
import { buildGateway } from './gateway.server';

async function main() {
  const settings = gatewaySettings();
  const app = await buildGateway(settings);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
  await app.listen({ port: settings.port, host: settings.host });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
