import { mappingErrors, type MappedColumn } from './model-mapping';

const column = (name: string, field: string | null, linkField = false): MappedColumn => ({
  column: name,
  field,
  linkField,
  mandatory: false,
});

describe('mappingErrors: what Data Injection refuses in a mapping', () => {
  it('accepts a mapping with one link field', () => {
    expect(mappingErrors('computers', [column('Nom', 'name', true), column('Couleur', null)], [])).toEqual([]);
  });

  it("refuses a mapping without link field, with GLPI's message", () => {
    expect(mappingErrors('computers', [column('Nom', 'name')], [])).toEqual([
      { field: 'mapping', message: 'one link field must be selected: it will be used to check if data already exists' },
    ]);
  });

  it('names each wrong column: unknown field, field twice, column twice, a link field that cannot identify', () => {
    const errors = mappingErrors(
      'computers',
      [
        column('Nom', 'name', true),
        column('nom ', 'serial'),
        column('Statut', 'status', true),
        column('Poids', 'weight'),
        column('Nom2', 'name'),
      ],
      [{ field: 'name', mandatory: false }],
    );
    expect(errors.map((error) => error.field)).toEqual([
      'mapping[1].column',
      'mapping[2].linkField',
      'mapping[3].field',
      'mapping[4].field',
      'additionalFields[0].field',
    ]);
  });
});
