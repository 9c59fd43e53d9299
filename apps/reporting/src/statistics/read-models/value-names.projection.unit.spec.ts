import type {
  CategoryCreated,
  DropdownValueAdded,
  DropdownValueRenamed,
  SlaChanged,
  SlaDefined,
} from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { agreementNamesProjection, assetClassNamesProjection, categoryNamesProjection } from './value-names.projection';

const defined: SlaDefined = {
  type: 'sla.defined',
  data: {
    slaId: 's1',
    entityId: 'root',
    recursive: true,
    name: 'Résolution 8 h ouvrées',
    agreement: 'sla',
    kind: 'ttr',
    duration: 8,
    unit: 'hours',
    calendarId: 'office',
    useEntityCalendar: false,
    levels: [],
  },
};

describe('the names of categories and agreements', () => {
  it('given a category created, then its name is kept under its id', () => {
    const created: CategoryCreated = {
      type: 'category.created',
      data: {
        categoryId: 'c1',
        name: 'Matériel > Imprimante',
        parentId: null,
        entityId: 'root',
        recursive: true,
        forIncidents: true,
        forRequests: false,
      },
    };
    expect(projectEvents(categoryNamesProjection, [created])).toEqual({
      table: 'category',
      valueId: 'c1',
      name: 'Matériel > Imprimante',
    });
  });

  it('given an SLA defined, then its name is kept under its id', () => {
    expect(projectEvents(agreementNamesProjection, [defined])).toEqual({
      table: 'agreement',
      valueId: 's1',
      name: 'Résolution 8 h ouvrées',
    });
  });

  it('given an SLA changed, then its new name is kept', () => {
    const { entityId: _entity, recursive: _recursive, agreement: _type, kind: _kind, ...terms } = defined.data;
    const changed: SlaChanged = {
      type: 'sla.changed',
      data: { ...terms, name: 'Résolution 4 h ouvrées', duration: 4 },
    };
    expect(projectEvents(agreementNamesProjection, [defined, changed])?.name).toBe('Résolution 4 h ouvrées');
  });

  it('given an SLA deleted, then its name stays: past tickets are still counted under it', () => {
    const deleted = { type: 'sla.deleted' as const, data: { slaId: defined.data.slaId } };
    expect(projectEvents(agreementNamesProjection, [defined, deleted])?.name).toBe(defined.data.name);
  });

  it('given an asset model added then renamed, then its last name is kept under its id; other dropdowns are not', () => {
    const added = (kind: DropdownValueAdded['data']['kind']): DropdownValueAdded => ({
      type: 'asset-dropdown.value-added',
      data: { valueId: 'm1', kind, entityId: 'root', recursive: true, name: 'Latitude 5440', parentId: null },
    });
    const renamed: DropdownValueRenamed = {
      type: 'asset-dropdown.value-renamed',
      data: { valueId: 'm1', kind: 'computer-model', name: 'Latitude 5450' },
    };
    expect(projectEvents(assetClassNamesProjection, [added('computer-model'), renamed])).toEqual({
      table: 'asset-model',
      valueId: 'm1',
      name: 'Latitude 5450',
    });
    expect(projectEvents(assetClassNamesProjection, [added('printer-type')])).toMatchObject({ table: 'asset-type' });
    expect(projectEvents(assetClassNamesProjection, [added('manufacturer')])).toBeNull();
  });
});
