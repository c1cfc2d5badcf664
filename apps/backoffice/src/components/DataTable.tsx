import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { useState } from 'react';

interface DataTableProps<T> {
  caption: string;
  data: T[];
  columns: ColumnDef<T, any>[];
  /** Marks the row that is open in a side panel. */
  selectedId?: string | null;
  rowId: (row: T) => string;
  /** Columns left out, e.g. while a side panel takes half the screen. */
  hidden?: string[];
  /** Sorted by the server: the headers show and change this order instead of sorting the page's rows. */
  serverSort?: { sorting: SortingState; onChange: (sorting: SortingState) => void };
}

/**
 * A table of one page of rows: headers sort the rows shown (a button per header, so the keyboard can
 * sort too); the first cell of a row holds its link or button, so rows are reached with Tab.
 */
export function DataTable<T>({ caption, data, columns, selectedId, rowId, hidden = [], serverSort }: DataTableProps<T>) {
  const [localSorting, setLocalSorting] = useState<SortingState>([]);
  const sorting = serverSort?.sorting ?? localSorting;
  const table = useReactTable({
    data,
    columns,
    state: { sorting, columnVisibility: Object.fromEntries(hidden.map((id) => [id, false])) },
    manualSorting: Boolean(serverSort),
    onSortingChange: (change) => {
      const next = typeof change === 'function' ? change(sorting) : change;
      if (serverSort) serverSort.onChange(next);
      else setLocalSorting(next);
    },
    getRowId: rowId,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
  });
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const numeric = (header.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={numeric ? 'numeric' : undefined}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                  >
                    {header.column.getCanSort() ? (
                      <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                        {flexRender(header.column.columnDef.header, header.getContext())}
                        <span aria-hidden="true" className="sort__mark">
                          {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                        </span>
                      </button>
                    ) : (
                      flexRender(header.column.columnDef.header, header.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={row.id === selectedId ? 'selected' : undefined} aria-current={row.id === selectedId ? 'true' : undefined}>
              {row.getVisibleCells().map((cell) => {
                const numeric = (cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                return (
                  <td key={cell.id} className={numeric ? 'numeric' : undefined}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
