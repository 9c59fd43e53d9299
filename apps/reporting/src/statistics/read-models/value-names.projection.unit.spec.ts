import type { CategoryCreated, SlaDefined } from '@itsm/contracts';
import { projectEvents } from '@itsm/testing';
import { agreementNamesProjection, categoryNamesProjection } from './value-names.projection';

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
    expect(projectEvents(agreementNamesProjection, [defined])).toEqual({
      table: 'agreement',
      valueId: 's1',
      name: 'Résolution 8 h ouvrées',
    });
  });
});
