import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';

import { readZipDirectory, type ZipEntry } from './zip-directory.js';

/**
 * An XLSX re-sequenced for exceljs' streaming reader: only the parts it needs for the first
 * sheet, in the order it needs them — relationships, workbook, shared strings, styles, then the
 * sheet — followed by the central directory. Read in the file's own order, a sheet stored before
 * its shared strings is spooled by exceljs to a temporary file that it deletes only when the whole
 * workbook has been iterated: a preview that stops after 20 rows would leave the sheet on disk, and
 * every other sheet would be unpacked for nothing. Nothing is inflated here; byte ranges are copied.
 */
export async function firstSheetStream(filePath: string): Promise<Readable | null> {
  const { size } = await stat(filePath);
  const file = await open(filePath, 'r');
  let directory;
  try {
    directory = await readZipDirectory(file, size);
  } finally {
    await file.close();
  }
  if (!directory.ok) return null;
  const { entries, directoryOffset } = directory;
  const sheet = firstSheet(entries);
  if (!sheet) return null;

  // A part runs from its local header to the next part's (data descriptor included).
  const starts = [...entries.map((entry) => entry.offset), directoryOffset].sort((a, b) => a - b);
  const rangeOf = (entry: ZipEntry) => ({
    start: entry.offset,
    end: starts[starts.indexOf(entry.offset) + 1],
  });
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const parts = [
    'xl/_rels/workbook.xml.rels',
    'xl/workbook.xml',
    'xl/sharedStrings.xml',
    'xl/styles.xml',
    sheet.name,
  ]
    .map((name) => byName.get(name))
    .filter((entry): entry is ZipEntry => entry !== undefined)
    .map(rangeOf);
  parts.push({ start: directoryOffset, end: size });

  async function* bytes() {
    for (const { start, end } of parts) {
      if (end <= start) continue;
      for await (const chunk of createReadStream(filePath, { start, end: end - 1 })) yield chunk as Buffer;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** The sheet stored as `sheetN.xml` with the lowest N: the first sheet Excel wrote. */
function firstSheet(entries: ZipEntry[]): ZipEntry | undefined {
  const numbered = entries
    .map((entry) => ({ entry, match: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name) }))
    .filter((found) => found.match !== null)
    .sort((a, b) => Number(a.match![1]) - Number(b.match![1]));
  return numbered[0]?.entry;
}
