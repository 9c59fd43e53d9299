import type { ReactNode } from 'react';

/** A column: its header and what each row shows in it; `rowHeader` makes its cells the rows' headers. */
export interface Column<Row> {
  header: string;
  cell(row: Row): ReactNode;
  rowHeader?: boolean;
}

/** A captioned list table (the administration's lists): a header row, then one row per item. */
export function DataTable<Row>(props: {
  caption: string;
  columns: Array<Column<Row> | false>;
  rows: Row[] | undefined;
  rowKey(row: Row): string;
  className?: string;
}) {
  const columns = props.columns.filter((column): column is Column<Row> => column !== false);
  return (
    <table className={props.className ?? 'list'}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {(props.rows ?? []).map((row) => (
          <tr key={props.rowKey(row)}>
            {columns.map((column) =>
              column.rowHeader ? (
                <th key={column.header} scope="row">
                  {column.cell(row)}
                </th>
              ) : (
                <td key={column.header}>{column.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
