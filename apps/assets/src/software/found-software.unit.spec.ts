import { foundSoftware } from './found-software';
import { softwareIdFor, versionIdFor } from './domain/software-names';

describe('the software an inventory found', () => {
  it('names each software once, with each of its versions once, in the computer’s entity', () => {
    const found = foundSoftware('A', [
      { name: 'Mozilla Firefox', version: '115.0', publisher: 'Mozilla', arch: 'x86_64' },
      { name: 'mozilla  firefox', version: '115.0', publisher: 'MOZILLA', arch: 'X86_64' },
      { name: 'Mozilla Firefox', version: '128.0', publisher: 'Mozilla', arch: 'x86_64' },
      { name: 'VLC', version: '' },
    ]);
    const firefox = softwareIdFor('A', 'Mozilla Firefox', 'Mozilla');
    const vlc = softwareIdFor('A', 'VLC', null);
    expect(found).toEqual([
      {
        software: {
          softwareId: firefox,
          entityId: 'A',
          recursive: false,
          name: 'Mozilla Firefox',
          publisher: 'Mozilla',
          comment: null,
        },
        versions: [
          { versionId: versionIdFor(firefox, '115.0', 'x86_64'), name: '115.0', arch: 'x86_64' },
          { versionId: versionIdFor(firefox, '128.0', 'x86_64'), name: '128.0', arch: 'x86_64' },
        ],
      },
      {
        software: { softwareId: vlc, entityId: 'A', recursive: false, name: 'VLC', publisher: null, comment: null },
        versions: [{ versionId: versionIdFor(vlc, 'N/A', null), name: 'N/A', arch: null }],
      },
    ]);
  });
});
