// "Which computers have X (version Y)" as a replica answers it from memory, at 1,000,000
// installations (BENCH_MEMORY_COMPUTERS x BENCH_SOFTWARE_PER_COMPUTER), in this process: the
// service's own installations index, asset list index and page (apps/assets/dist), filled as the
// feed fills them, then the same three questions as over HTTP, timed. What HTTP adds is measured
// beside it by assets-software.bench.mjs at a scale FerretDB loads in minutes.
import { createRequire } from 'node:module';
import { distribution, round } from '../stats.mjs';

const require = createRequire(import.meta.url);
const dist = (module) => require(`../../apps/assets/dist/${module}.js`);

/** The indexes of `computers` computers over `entities`, each with the software `softwareOf(c, k)` gives. */
export function filledIndexes({ computers, perComputer, entities, softwareOf, versionOf }) {
  const { InstalledSoftware } = dist('installation/read-models/installed-software');
  const { AssetListIndex } = dist('asset/queries/list-index/asset-list-index');
  const assets = new AssetListIndex();
  const installed = new InstalledSoftware();
  const heapBefore = process.memoryUsage().heapUsed;
  for (let c = 0; c < computers; c++) {
    const name = `PC-${String(c).padStart(6, '0')}`;
    assets.upsert({
      assetId: `c-${c}`,
      assetType: 'computer',
      entityId: entities[c % entities.length],
      recursive: false,
      trashed: false,
      name,
      nameKey: name.toLowerCase(),
      serial: null,
      inventoryNumber: null,
      typeId: null,
      modelId: null,
      manufacturerId: null,
      statusId: null,
      locationId: null,
      userId: null,
      groupId: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      lastInventoryAt: '2026-01-01T00:00:00.000Z',
      sequence: 1,
    });
    for (let k = 0; k < perComputer; k++) {
      const n = softwareOf(c, k);
      const v = versionOf(c);
      installed.load({
        computerId: `c-${c}`,
        softwareId: `sw-${n}`,
        versionId: `sw-${n}-v${v}`,
        installedAt: null,
        source: 'inventory',
        softwareName: `Software ${n}`,
        publisher: null,
        versionName: `${v}.0`,
        arch: null,
      });
    }
  }
  global.gc?.();
  const heapMb = round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, 0);
  assets.markReady();
  assets.confirmFresh(3_600_000);
  const ready = { software: installed, ready: true };
  const { InstallationsInMemory } = dist('software/queries/installations-in-memory');
  return { page: new InstallationsInMemory(ready, assets, null), installations: installed.size, heapMb };
}

/** p50/p99 of one question, asked `samples` times. */
export async function timedInMemory(page, asked, samples) {
  const ms = [];
  let total = 0;
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    total = (await page.page(asked)).total;
    ms.push(performance.now() - started);
  }
  return { matching: total, ms: distribution(ms) };
}
