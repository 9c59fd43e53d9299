import type { DropdownEvent } from '@itsm/contracts';
import { deciderSpecification } from '@itsm/testing';
import { dropdownDecider, type DropdownCommand } from './dropdown.decider';

const spec = deciderSpecification(dropdownDecider);

const add = (
  valueId: string,
  name: string,
  unlessPresent = false,
  parentId: string | null = null,
): DropdownCommand => ({
  type: 'add-value',
  valueId,
  kind: parentId ? 'location' : 'manufacturer',
  entityId: 'root',
  recursive: true,
  name,
  parentId,
  comment: null,
  unlessPresent,
});
const added = (valueId: string, name: string, parentId: string | null = null): DropdownEvent => ({
  type: 'asset-dropdown.value-added',
  data: { valueId, kind: parentId ? 'location' : 'manufacturer', entityId: 'root', recursive: true, name, parentId },
});

describe('a catalogue of an entity', () => {
  it('given nothing, when a value is added, then it is added with its name normalised', () => {
    spec
      .given([])
      .when(add('m1', '  Dell   Inc. '))
      .then([added('m1', 'Dell Inc.')]);
  });

  it('given "Dell Inc.", when "DELL Inc." is added, then it is a conflict', () => {
    spec
      .given([added('m1', 'Dell Inc.')])
      .when(add('m2', 'DELL Inc.'))
      .thenFails('conflict', /exists already/);
  });

  it('given "Dell Inc.", when "DELL Inc." is found or created, then nothing is added', () => {
    spec
      .given([added('m1', 'Dell Inc.')])
      .when(add('m2', 'DELL  Inc.', true))
      .then([]);
  });

  it('given an empty name, then it is refused', () => {
    spec.given([]).when(add('m1', '   ')).thenFails('invalid');
  });

  it('given a manufacturer, when it is given a parent, then it is refused', () => {
    spec
      .given([])
      .when({ ...(add('m1', 'Dell') as Extract<DropdownCommand, { type: 'add-value' }>), parentId: 'x' })
      .thenFails('invalid', /only locations/);
  });

  it('given two buildings, then each may have its "Salle 1"', () => {
    spec
      .given([added('s1', 'Salle 1', 'b1')])
      .when(add('s2', 'Salle 1', false, 'b2'))
      .then([added('s2', 'Salle 1', 'b2')]);
    spec
      .given([added('s1', 'Salle 1', 'b1')])
      .when(add('s2', 'salle 1', false, 'b1'))
      .thenFails('conflict');
  });

  describe('renaming', () => {
    const given = [added('m1', 'Dell Inc.'), added('m2', 'Lenovo')];
    const rename = (valueId: string, name: string): DropdownCommand => ({
      type: 'rename-value',
      valueId,
      kind: 'manufacturer',
      name,
    });

    it('renames a value, even to another case of its own name', () => {
      spec
        .given(given)
        .when(rename('m1', 'DELL INC.'))
        .then([
          { type: 'asset-dropdown.value-renamed', data: { valueId: 'm1', kind: 'manufacturer', name: 'DELL INC.' } },
        ]);
    });

    it('refuses the name of another value, and an unknown value', () => {
      spec.given(given).when(rename('m2', 'dell inc.')).thenFails('conflict');
      spec.given(given).when(rename('m9', 'HP')).thenFails('not_found');
    });

    it('frees the old name', () => {
      const renamed: DropdownEvent = {
        type: 'asset-dropdown.value-renamed',
        data: { valueId: 'm1', kind: 'manufacturer', name: 'Dell Technologies' },
      };
      spec
        .given([...given, renamed])
        .when(add('m3', 'Dell Inc.'))
        .then([added('m3', 'Dell Inc.')]);
    });
  });

  it('given nothing, when a location is added with a comment, then it is added and commented', () => {
    spec
      .given([])
      .when({ ...(add('l1', 'Siège', false, 'root-loc') as AddValue), comment: 'Accueil' })
      .then([
        added('l1', 'Siège', 'root-loc'),
        { type: 'asset-dropdown.value-commented', data: { valueId: 'l1', kind: 'location', comment: 'Accueil' } },
      ]);
  });

  it('given a value, when its comment is changed, then it is commented; the same comment again records nothing', () => {
    const commented: DropdownEvent = {
      type: 'asset-dropdown.value-commented',
      data: { valueId: 'm1', kind: 'manufacturer', comment: 'Fournisseur' },
    };
    const change = (comment: string | null): DropdownCommand => ({
      type: 'change-value',
      valueId: 'm1',
      kind: 'manufacturer',
      comment,
    });
    spec
      .given([added('m1', 'Dell')])
      .when(change('Fournisseur'))
      .then([commented]);
    spec
      .given([added('m1', 'Dell'), commented])
      .when(change('Fournisseur'))
      .then([]);
    spec
      .given([added('m1', 'Dell'), commented])
      .when(change(' '))
      .then([{ ...commented, data: { ...commented.data, comment: null } }]);
  });

  it('given two values, when one is renamed and commented at once, then both are recorded; a name taken is a conflict', () => {
    const given = [added('m1', 'Dell'), added('m2', 'HP')];
    spec
      .given(given)
      .when({ type: 'change-value', valueId: 'm1', kind: 'manufacturer', name: 'Dell Inc.', comment: 'x' })
      .then([
        { type: 'asset-dropdown.value-renamed', data: { valueId: 'm1', kind: 'manufacturer', name: 'Dell Inc.' } },
        { type: 'asset-dropdown.value-commented', data: { valueId: 'm1', kind: 'manufacturer', comment: 'x' } },
      ]);
    spec
      .given(given)
      .when({ type: 'change-value', valueId: 'm1', kind: 'manufacturer', name: 'hp', comment: 'x' })
      .thenFails('conflict');
    spec
      .given(given)
      .when({ type: 'change-value', valueId: 'm3', kind: 'manufacturer', comment: 'x' })
      .thenFails('not_found');
  });
});

type AddValue = Extract<DropdownCommand, { type: 'add-value' }>;
