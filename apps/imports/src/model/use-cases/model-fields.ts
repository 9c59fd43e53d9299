import type { AdditionalField, MappedColumn } from '../domain/model-mapping';
import type { AdditionalFieldDto, MappedColumnDto } from './model-fields.dto';

export const mappedColumns = (mapping: MappedColumnDto[]): MappedColumn[] =>
  mapping.map(({ column, field, linkField, mandatory }) => ({
    column: column.trim(),
    field: field ?? null,
    linkField: linkField ?? false,
    mandatory: mandatory ?? false,
  }));

export const additionalFields = (fields: AdditionalFieldDto[] = []): AdditionalField[] =>
  fields.map(({ field, mandatory }) => ({ field, mandatory: mandatory ?? false }));

/** The fields a request gave: a DTO holds the others as undefined, which must neither change nor hide anything. */
export const givenFields = <Fields extends object>(fields: Fields): Partial<Fields> =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<Fields>;
