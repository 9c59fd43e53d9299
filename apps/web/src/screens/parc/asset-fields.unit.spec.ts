import { entityOptions, fieldsOf, formValuesOf, requestBodyOf } from './asset-fields';

describe("the asset form's fields", () => {
  it("shows each type's own fields only", () => {
    const names = (type: Parameters<typeof fieldsOf>[0]) => fieldsOf(type).map((field) => field.name);
    expect(names('monitors')).toContain('sizeInches');
    expect(names('computers')).not.toContain('sizeInches');
    expect(names('printers')).toEqual(expect.arrayContaining(['initialPageCounter', 'lastPageCounter']));
    expect(names('phones')).toContain('phoneNumber');
    expect(names('network-equipments')).toEqual(expect.arrayContaining(['firmware', 'ramMb', 'cpu']));
  });

  it('sends what a creation was given, numbers as numbers, nothing for the empty inputs', () => {
    const fields = fieldsOf('printers');
    const values = { ...formValuesOf(fields), name: '  IMP-01 ', lastPageCounter: '1200', value: '' };
    expect(requestBodyOf(fields, values)).toEqual({ name: 'IMP-01', lastPageCounter: 1200 });
  });

  it('sends only what an edit changed, a cleared input as null', () => {
    const fields = fieldsOf('computers');
    const before = formValuesOf(fields, {
      name: 'PC-01',
      serial: 'SN1',
      purchaseDate: '2024-01-15',
      value: 899.5,
      comment: null,
    });
    expect(before).toMatchObject({ name: 'PC-01', purchaseDate: '2024-01-15', value: '899.5', comment: '' });
    const after = { ...before, serial: '', value: '950', comment: 'écran\n<b>cassé</b>' };
    expect(requestBodyOf(fields, after, before)).toEqual({ serial: null, value: 950, comment: 'écran\n<b>cassé</b>' });
  });

  it('sends "sous-entités" as a boolean: true once checked on creation, false once unchecked on edit', () => {
    const fields = fieldsOf('computers');
    expect(requestBodyOf(fields, { ...formValuesOf(fields), recursive: 'true' })).toEqual({ recursive: true });
    const before = formValuesOf(fields, { recursive: true });
    expect(before.recursive).toBe('true');
    expect(requestBodyOf(fields, { ...before, recursive: '' }, before)).toEqual({ recursive: false });
    expect(formValuesOf(fields, { recursive: false }).recursive).toBe('');
  });

  it('names the entities in scope by their path from the top of the scope', () => {
    const options = entityOptions([
      { entityId: 'paris', name: 'Paris', parentId: 'france' },
      { entityId: 'france', name: 'France', parentId: 'root' },
      { entityId: 'lyon', name: 'Lyon', parentId: 'france' },
    ]);
    expect(options).toEqual([
      ['france', 'France'],
      ['lyon', 'France > Lyon'],
      ['paris', 'France > Paris'],
    ]);
  });
});
