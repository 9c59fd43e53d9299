import { projectEvents } from '@itsm/testing';
import { softwareCatalogueProjection } from './software-catalogue.projection';

describe('software_catalogue', () => {
  it('keeps a software with its versions, in the order they came', () => {
    const created = {
      type: 'software.created' as const,
      data: {
        softwareId: 's1',
        entityId: 'root',
        recursive: true,
        name: 'Mozilla Firefox',
        publisher: 'Mozilla',
        comment: null,
      },
      occurredAt: '2026-12-01T08:00:00.000Z',
    };
    const version = (versionId: string, name: string) => ({
      type: 'software.version-added' as const,
      data: { softwareId: 's1', versionId, name, arch: 'x86_64' },
    });
    expect(
      projectEvents(softwareCatalogueProjection, [created, version('v1', '115.0'), version('v2', '128.0')]),
    ).toEqual({
      softwareId: 's1',
      entityId: 'root',
      recursive: true,
      name: 'Mozilla Firefox',
      nameKey: 'mozilla firefox',
      publisher: 'Mozilla',
      comment: null,
      versions: [
        { versionId: 'v1', name: '115.0', arch: 'x86_64' },
        { versionId: 'v2', name: '128.0', arch: 'x86_64' },
      ],
      createdAt: '2026-12-01T08:00:00.000Z',
    });
  });
});
