import { DEFAULT_OPTIONS } from '../../model/domain/import-options';
import type { MappedColumn } from '../../model/domain/model-mapping';
import { lineOutcome, type LineContext } from './line-outcome';
import { lineValues } from './line-values';

const columns: MappedColumn[] = [
  { column: 'Nom', field: 'name', linkField: true, mandatory: false },
  { column: 'Numero de serie', field: 'serial', linkField: false, mandatory: true },
  { column: "Date d'achat", field: 'purchaseDate', linkField: false, mandatory: false },
  { column: 'Valeur', field: 'value', linkField: false, mandatory: false },
  { column: 'Commentaires', field: 'comment', linkField: false, mandatory: false },
  { column: 'Fabricant', field: 'manufacturer', linkField: false, mandatory: false },
];
const options = { ...DEFAULT_OPTIONS, dateFormat: 'dd-mm-yyyy', floatFormat: 'comma' } as const;
const read = (cells: Record<string, string>) => lineValues('computers', columns, cells, options);
const context = (overrides: Partial<LineContext> = {}): LineContext => ({
  type: 'computers',
  options,
  existing: null,
  notFound: [],
  ...overrides,
});
const line = {
  Nom: 'PC-BLIER',
  'Numero de serie': 'SN-1',
  "Date d'achat": '31/12/2026',
  Valeur: '1 234,56',
  Commentaires: 'Bureau 12',
  Fabricant: 'Dell',
};

describe('one line through the model (Data Injection §5.5)', () => {
  it('creates from typed values when nothing matches (code 10)', () => {
    expect(lineOutcome(read(line), context())).toEqual({
      action: 'create',
      itemId: null,
      code: 10,
      problems: [],
      fields: {
        name: 'PC-BLIER',
        serial: 'SN-1',
        purchaseDate: '2026-12-31',
        value: 1234.56,
        comment: 'Bureau 12',
        manufacturer: 'Dell',
      },
    });
  });

  it('fails a line on the first wrong cell: 23 mandatory, 22 wrong type, 37 too long', () => {
    expect(lineOutcome(read({ ...line, 'Numero de serie': ' ' }), context())).toMatchObject({
      action: 'refuse',
      code: 23,
    });
    expect(lineOutcome(read({ ...line, "Date d'achat": '30/02/2026' }), context())).toMatchObject({
      action: 'refuse',
      code: 22,
      problems: [{ field: "Date d'achat", message: expect.stringMatching(/dd-mm-yyyy/) }],
    });
    expect(lineOutcome(read({ ...line, Nom: 'x'.repeat(256) }), context())).toMatchObject({
      action: 'refuse',
      code: 37,
    });
  });

  it('keeps the line with a warning (12, with a 33) when a value is not found', () => {
    expect(lineOutcome(read(line), context({ notFound: ['manufacturer'] }))).toMatchObject({
      action: 'create',
      code: 12,
      problems: [{ code: 33, field: 'manufacturer' }],
      fields: expect.not.objectContaining({ manufacturer: 'Dell' }),
    });
  });

  it('refuses creations and updates the model does not allow (31, 32) and what the caller may not write (39)', () => {
    const noCreation = { ...options, allowCreation: false };
    expect(lineOutcome(read(line), context({ options: noCreation }))).toMatchObject({ code: 31 });
    expect(lineOutcome(read(line), context({ existing: { id: 'c1', values: {} } }))).toMatchObject({ code: 32 });
    expect(lineOutcome(read(line), context({ refusal: 'entity Agence Sud is out of your scope' }))).toMatchObject({
      code: 39,
    });
  });

  it('updates, keeping non-empty fields unless the model overwrites them, appending multiline text', () => {
    const existing = { id: 'c1', values: { serial: 'OLD', comment: 'Acheté en 2020', value: null } };
    const keep = { ...options, allowUpdate: true, overwriteNonEmptyFields: false };
    expect(lineOutcome(read(line), context({ existing, options: keep }))).toMatchObject({
      action: 'update',
      itemId: 'c1',
      fields: { name: 'PC-BLIER', purchaseDate: '2026-12-31', value: 1234.56, manufacturer: 'Dell' },
    });
    const overwrite = { ...options, allowUpdate: true };
    expect(lineOutcome(read(line), context({ existing, options: overwrite }))).toMatchObject({
      fields: { serial: 'SN-1', comment: 'Acheté en 2020\nBureau 12' },
    });
  });

  it('adds the additional information given at the run to every line', () => {
    const values = lineValues('computers', columns, line, options, { location: 'Siège' }, [
      { field: 'location', mandatory: true },
    ]);
    expect(values.values.location).toBe('Siège');
    const missing = lineValues('computers', columns, line, options, {}, [{ field: 'location', mandatory: true }]);
    expect(missing.problems).toEqual([expect.objectContaining({ code: 23, field: 'location' })]);
  });
});
