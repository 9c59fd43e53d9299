import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { ProjectionRegistry } from '@itsm/runtime';
import type { ServiceContext } from './service-context';

/** `rebuild <projection> [--stream id]`: the whole read model (swapped in while the service answers), or one stream. */
export function rebuildCommand(context: ServiceContext): Command {
  return new Command('rebuild')
    .description('rebuild a read model from the event store (own events) or its topic (other contexts’ events)')
    .argument('<projection>', 'the read model (its collection name, e.g. ticket_view)')
    .option('--stream <id>', 'fold only this stream again, into the live read model')
    .action(async (name: string, { stream }: { stream?: string }) => {
      const registry = await context.get(ProjectionRegistry);
      if (!registry.names().includes(name)) {
        throw new Error(`no read model ${name} here; there are: ${registry.names().sort().join(', ')}`);
      }
      if (stream) {
        const outcome = await registry.store(name).rebuildStream(stream);
        console.log(`${name}: stream ${stream} ${outcome}`);
        return;
      }
      const bar = new SingleBar({ format: `${name} {bar} {value}/{total} {percentage}%`, stream: process.stderr });
      bar.start(0, 0);
      try {
        const collection = await registry.rebuild(name, {
          onProgress: ({ done, total }) => {
            bar.setTotal(total);
            bar.update(done);
          },
        });
        bar.stop();
        console.log(
          `${name}: rebuilt into ${collection} from ${registry.isForeign(name) ? 'its topic' : 'the event store'}`,
        );
      } catch (error) {
        bar.stop();
        throw error;
      }
    });
}
