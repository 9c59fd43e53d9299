import type { DropdownEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { dropdownValuesProjection } from './dropdown-values.projection';

const added = (valueId: string, name: string): DropdownEvent => ({
  type: 'asset-dropdown.value-added',
  data: { valueId, kind: 'manufacturer', entityId: 'root', recursive: true, name, parentId: null },
});

describe('an entity’s catalogue', () => {
  it('given values added, then each is kept with its name key', () => {
    expect(projectEvents(dropdownValuesProjection, [added('m1', 'Dell Inc.'), added('m2', 'Lenovo')])).toEqual({
      kind: 'manufacturer',
      entityId: 'root',
      values: [
        { valueId: 'm1', name: 'Dell Inc.', key: 'dell inc.', parentId: null, recursive: true },
        { valueId: 'm2', name: 'Lenovo', key: 'lenovo', parentId: null, recursive: true },
      ],
    });
  });

  it('given one renamed, then its name and key follow, the others stay', () => {
    const renamed: DropdownEvent = {
      type: 'asset-dropdown.value-renamed',
      data: { valueId: 'm1', kind: 'manufacturer', name: 'DELL Technologies' },
    };
    const doc = projectEvents(dropdownValuesProjection, [added('m1', 'Dell Inc.'), added('m2', 'Lenovo'), renamed]);
    expect(doc?.values.map((value) => [value.name, value.key])).toEqual([
      ['DELL Technologies', 'dell technologies'],
      ['Lenovo', 'lenovo'],
    ]);
  });

  it('given one commented, then it keeps its comment, and null clears it', () => {
    const commented = (comment: string | null): DropdownEvent => ({
      type: 'asset-dropdown.value-commented',
      data: { valueId: 'm1', kind: 'manufacturer', comment },
    });
    const doc = projectEvents(dropdownValuesProjection, [
      added('m1', 'Dell Inc.'),
      added('m2', 'Lenovo'),
      commented('x'),
    ]);
    expect(doc?.values.map((value) => value.comment)).toEqual(['x', undefined]);
    const cleared = projectEvents(dropdownValuesProjection, [
      added('m1', 'Dell Inc.'),
      commented('x'),
      commented(null),
    ]);
    expect(cleared?.values[0].comment).toBeNull();
  });
});
