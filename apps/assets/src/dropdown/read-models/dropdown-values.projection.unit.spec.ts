import type { DropdownEvent } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { dropdownValuesProjection } from './dropdown-values.projection';

const added: DropdownEvent = {
  type: 'asset-dropdown.value-added',
  data: { valueId: 'm1', kind: 'manufacturer', entityId: 'root', recursive: true, name: 'Dell Inc.', parentId: null },
};

describe('the catalogue values', () => {
  it('given a value added, then it is kept with its name key', () => {
    expect(projectEvents(dropdownValuesProjection, [added])).toEqual({ ...added.data, key: 'dell inc.' });
  });

  it('given it renamed, then the name and the key follow', () => {
    const renamed: DropdownEvent = {
      type: 'asset-dropdown.value-renamed',
      data: { valueId: 'm1', kind: 'manufacturer', name: 'DELL Technologies' },
    };
    expect(projectEvents(dropdownValuesProjection, [added, renamed])).toMatchObject({
      name: 'DELL Technologies',
      key: 'dell technologies',
    });
  });
});
