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
 * A workbook without a shared-strings part (its texts inline in the sheet, as some programs write
 * it) gets an empty one: exceljs waits for that part before it reads a sheet in place.
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
  const part = (name: string): Buffer | { start: number; end: number } | undefined => {
    const entry = byName.get(name);
    if (entry) return rangeOf(entry);
    return name === SHARED_STRINGS ? EMPTY_SHARED_STRINGS : undefined;
  };
  const parts = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', SHARED_STRINGS, 'xl/styles.xml', sheet.name]
    .map(part)
    .filter((found) => found !== undefined);
  parts.push({ start: directoryOffset, end: size });

  async function* bytes() {
    for (const found of parts) {
      if (Buffer.isBuffer(found)) {
        yield found;
        continue;
      }
      const { start, end } = found;
      if (end <= start) continue;
      for await (const chunk of createReadStream(filePath, { start, end: end - 1 })) yield chunk as Buffer;
    }
  }
  return Readable.from(bytes(), { objectMode: false });
}

const SHARED_STRINGS = 'xl/sharedStrings.xml';

/** A stored (uncompressed) ZIP part holding an empty shared-strings table. */
const EMPTY_SHARED_STRINGS = storedPart(
  SHARED_STRINGS,
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
);

/** A ZIP local header and its data, stored as it is (method 0). */
function storedPart(name: string, text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  const fileName = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0); // local file header
  header.writeUInt16LE(20, 4); // version needed: 2.0
  header.writeUInt16LE(0x0800, 6); // the name is UTF-8
  header.writeUInt16LE(0, 8); // stored
  header.writeUInt16LE(0, 10); // time
  header.writeUInt16LE(0x21, 12); // date: 1980-01-01
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(fileName.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, fileName, data]);
}

/** ZIP's CRC-32 (polynomial 0xEDB88320). */
function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** The sheet stored as `sheetN.xml` with the lowest N: the first sheet Excel wrote. */
function firstSheet(entries: ZipEntry[]): ZipEntry | undefined {
  const numbered = entries
    .map((entry) => ({ entry, match: /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.name) }))
    .filter((found) => found.match !== null)
    .sort((a, b) => Number(a.match![1]) - Number(b.match![1]));
  return numbered[0]?.entry;
}
