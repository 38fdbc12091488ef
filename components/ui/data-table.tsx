import type { ReactNode } from 'react';

type DataTableProps = {
  /** The caption's id: the scrollable region is labelled by it. */
  id: string;
  caption: ReactNode;
  columns: ReactNode[];
  /** The rows (`<tr>`), each with its first cell as a row header where it names the row. */
  children: ReactNode;
};

/**
 * A table of records in a region that scrolls on its own when it is wider than the screen; the
 * region can take the keyboard's focus, so it can be scrolled without a mouse.
 */
export function DataTable({ id, caption, columns, children }: DataTableProps) {
  return (
    <div className="table-wrap" role="region" aria-labelledby={id} tabIndex={0}>
      <table className="table">
        <caption id={id}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
