/** Rows of text as aligned columns for the console (the first row is usually the header). */
export function textTable(rows: string[][], indent = '  '): string[] {
  const widths = rows.reduce<number[]>(
    (found, row) => row.map((cell, index) => Math.max(found[index] ?? 0, cell.length)),
    [],
  );
  return rows.map((row) =>
    `${indent}${row.map((cell, index) => (index === row.length - 1 ? cell : cell.padEnd(widths[index]!))).join('   ')}`.trimEnd(),
  );
}
