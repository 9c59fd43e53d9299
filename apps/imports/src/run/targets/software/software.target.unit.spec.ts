import { projectEvents } from '@itsm/testing';
import { importSoftwareProjection, type ImportSoftwareDoc } from './import-software.projection';
import { usableFrom } from '../usable-in-entity';
import { softwareSnapshot } from './software.target';

const software = (
  softwareId: string,
  name: string,
  publisher: string | null,
  versions: string[],
  entityId = 'A',
  recursive = true,
): ImportSoftwareDoc => ({ softwareId, entityId, recursive, name, publisher, comment: null, versions });
// A's Firefox by Mozilla (115.0), root's recursive Firefox by another publisher, root's private 7-Zip
const catalogue = [
  software('ff-a', 'Mozilla Firefox', 'Mozilla', ['115.0']),
  software('ff-root', 'Mozilla Firefox', 'Mozilla Corp', ['128.0'], 'root'),
  software('zip-root', '7-Zip', null, [], 'root', false),
  software('b-only', 'LibreOffice', null, [], 'B'),
];
const snapshot = softwareSnapshot(usableFrom('A', new Set(['root']), catalogue));

describe('the software a run of entity A finds', () => {
  it('given A below root, then they are A’s own, then root’s recursive ones', () => {
    expect(usableFrom('A', new Set(['root']), catalogue).map((one) => one.softwareId)).toEqual(['ff-a', 'ff-root']);
  });

  it('given a line naming it, then the name finds the nearest, the publisher when given narrows', () => {
    expect(snapshot.match({ name: 'mozilla  firefox' }, ['name'])?.id).toBe('ff-a');
    expect(snapshot.match({ name: 'Mozilla Firefox', publisher: 'MOZILLA CORP' }, ['name'])?.id).toBe('ff-root');
    expect(snapshot.match({ name: 'Mozilla Firefox', publisher: 'Opera' }, ['name'])).toBeNull();
    expect(snapshot.match({ name: '7-Zip' }, ['name'])).toBeNull();
  });

  it('given name and version as link fields, then a software lacking the version is not found', () => {
    expect(snapshot.match({ name: 'Mozilla Firefox', version: '128.0' }, ['name', 'version'])?.id).toBe('ff-root');
    expect(snapshot.match({ name: 'Mozilla Firefox', version: '130.0' }, ['name', 'version'])).toBeNull();
  });

  it('given the name alone as link field, then the found software shows the line’s version only if it has it', () => {
    expect(snapshot.match({ name: 'Mozilla Firefox', version: '115.0' }, ['name'])?.values.version).toBe('115.0');
    expect(snapshot.match({ name: 'Mozilla Firefox', version: '116.0' }, ['name'])?.values.version).toBeNull();
  });
});

describe('a software line becomes assets’ software.register', () => {
  it('given nothing found, when created, then the run’s entity, the name, publisher, comment and version go', () => {
    expect(
      snapshot.command(
        'create',
        null,
        { name: ' VLC ', publisher: 'VideoLAN', comment: 'Lecteur', version: '3.0' },
        'A',
      ),
    ).toMatchObject({
      type: 'software.register',
      data: { entityId: 'A', name: 'VLC', publisher: 'VideoLAN', comment: 'Lecteur', version: '3.0' },
    });
  });

  it('given a software found, when updated, then it is named as it is, in its entity, with the line’s version', () => {
    const command = snapshot.command(
      'update',
      'ff-root',
      { name: 'mozilla firefox', version: '129.0', comment: 'x' },
      'A',
    );
    expect(command).toMatchObject({
      type: 'software.register',
      data: { entityId: 'root', name: 'Mozilla Firefox', publisher: 'Mozilla Corp', version: '129.0' },
    });
    expect((command as { data: object }).data).not.toHaveProperty('comment');
  });

  it('gives one software one Kafka key, whether a line creates it or updates it', () => {
    const create = snapshot.command('create', null, { name: 'Mozilla Firefox', publisher: 'mozilla' }, 'A');
    const update = snapshot.command('update', 'ff-a', { name: 'Mozilla Firefox', version: '1' }, 'A');
    expect((create as { streamId: string }).streamId).toBe((update as { streamId: string }).streamId);
  });
});

describe('import_software', () => {
  it('keeps a software with its versions’ names, each once', () => {
    const data = { softwareId: 's1', versionId: 'v', arch: null };
    const events = [
      {
        type: 'software.created' as const,
        data: { softwareId: 's1', entityId: 'A', recursive: true, name: 'VLC', publisher: null, comment: null },
      },
      { type: 'software.version-added' as const, data: { ...data, name: '3.0' } },
      { type: 'software.version-added' as const, data: { ...data, versionId: 'v2', name: '3.0', arch: 'x86_64' } },
    ];
    expect(projectEvents(importSoftwareProjection, events)).toEqual(software('s1', 'VLC', null, ['3.0']));
  });
});
