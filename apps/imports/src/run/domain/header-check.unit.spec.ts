import type { MappedColumn } from '../../model/domain/model-mapping';
import { cellsByColumn, checkHeader } from './header-check';

const columns: MappedColumn[] = ['Nom', 'Numero de serie', 'Statut'].map((column) => ({
  column,
  field: null,
  linkField: false,
  mandatory: false,
}));

describe("the file's header against the model (Data Injection's isFileCorrect)", () => {
  it('accepts the same headers, trimmed and in any case', () => {
    expect(checkHeader([' nom', 'NUMERO DE SERIE', 'Statut '], columns)).toBeNull();
  });

  it("refuses a missing or extra column with GLPI's message", () => {
    expect(checkHeader(['Nom', 'Numero de serie'], columns)?.message).toBe(
      'The number of columns of the file is incorrect. 3 awaited / 2 found',
    );
  });

  it('names every column that differs', () => {
    const refusal = checkHeader(['Nom', 'Serial', 'Etat'], columns);
    expect(refusal?.code).toBe('rule');
    expect(refusal?.message).toBe(
      'At least one column is incorrect: "Serial" in the file, "Numero de serie" in the model; "Etat" in the file, "Statut" in the model',
    );
  });

  it('gives a short line empty cells', () => {
    expect(cellsByColumn(columns, ['PC-1'])).toEqual({ Nom: 'PC-1', 'Numero de serie': '', Statut: '' });
  });
});
