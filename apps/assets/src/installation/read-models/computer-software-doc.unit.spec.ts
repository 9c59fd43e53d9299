import {
  computerSoftwareDocOf,
  computerIdOf,
  holdsVersion,
  installationsOf,
  withWrites,
  type ComputerSoftwareDoc,
} from './computer-software-doc';
import type { InstallationDoc, InstallationWrite } from './installation-plan';

const installation = (name: string, versionId: string, source: InstallationDoc['source'] = 'inventory') => ({
  _id: `c1:${versionId}`,
  computerId: 'c1',
  computerName: 'PC-BLIER',
  computerKey: 'pc-blier',
  entityId: 'A',
  trashed: false,
  softwareId: `s-${name}`,
  versionId,
  softwareName: name,
  publisher: name === 'Firefox' ? 'Mozilla' : null,
  versionName: '1.0',
  arch: 'x86_64',
  installedAt: name === 'Firefox' ? '2026-11-02' : null,
  source,
});
const upsert = (doc: InstallationDoc): InstallationWrite => ({ kind: 'upsert', doc });
const remove = (versionId: string): InstallationWrite => ({ kind: 'delete', id: `c1:${versionId}` });
const stored = (doc: Omit<ComputerSoftwareDoc, 'revision'> | null): ComputerSoftwareDoc => {
  if (!doc) throw new Error('expected a document');
  return { ...doc, revision: 1 };
};

describe("a computer's installations in one document", () => {
  const firefox = installation('Firefox', 'v-ff');
  const vim = installation('vim', 'v-vim', 'manual');
  const curl = installation('curl', 'v-curl');

  it('packs them and gives each back as the per-installation view has it, by software name', () => {
    const doc = stored(withWrites(null, [upsert(vim), upsert(firefox), upsert(curl)]));
    expect(doc).toMatchObject({
      _id: 'c1',
      computerName: 'PC-BLIER',
      computerKey: 'pc-blier',
      entityId: 'A',
      count: 3,
    });
    expect(typeof doc.installed).toBe('string');
    expect(installationsOf(doc)).toEqual([firefox, curl, vim]);
    expect(holdsVersion(doc, 'v-vim')).toBe(true);
    expect(holdsVersion(doc, 'v-other')).toBe(false);
    expect(holdsVersion(null, 'v-vim')).toBe(false);
  });

  it('sets and deletes versions; the same writes twice give the same document', () => {
    const first = stored(withWrites(null, [upsert(firefox), upsert(vim)]));
    const upgraded = installation('Firefox', 'v-ff2');
    const writes = [remove('v-ff'), upsert(upgraded), remove('v-none')];
    const once = stored(withWrites(first, writes));
    expect(installationsOf(once).map(({ versionId }) => versionId)).toEqual(['v-ff2', 'v-vim']);
    expect(stored(withWrites(once, writes))).toEqual(once);
  });

  it('writes nothing when nothing changes, or for deletes on a computer without a document', () => {
    const doc = stored(withWrites(null, [upsert(firefox)]));
    expect(withWrites(doc, [remove('v-none')])).toBeNull();
    expect(withWrites(null, [remove('v-ff')])).toBeNull();
    expect(withWrites(doc, [remove('v-ff')])).toMatchObject({ count: 0, installed: '[]' });
  });

  it("names the computer of an event's writes", () => {
    expect(computerIdOf([remove('v-ff')])).toBe('c1');
    expect(computerIdOf([upsert(firefox)])).toBe('c1');
    expect(computerIdOf([{ kind: 'purge', computerId: 'c2' }])).toBe('c2');
  });

  it('makes the document the feed would write first (benchmarks fill the read model with it)', () => {
    expect(computerSoftwareDocOf([curl, firefox])).toEqual(stored(withWrites(null, [upsert(firefox), upsert(curl)])));
    expect(computerSoftwareDocOf([])).toBeNull();
  });
});
