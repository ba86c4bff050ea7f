import type { FileHandle } from 'node:fs/promises';

/**
 * The central directory of a ZIP file (an XLSX is one): the names and declared sizes of its
 * parts, read from the end of the file without inflating anything — enough to tell an XLSX from
 * a .docx and to refuse a zip bomb before a single part is decompressed.
 */
export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  /** Where the part's local header starts in the file. */
  offset: number;
}

export type ZipDirectory =
  | { ok: true; entries: ZipEntry[]; directoryOffset: number }
  /** `zip64`: sizes or counts that only ZIP64 can hold — more than any spreadsheet needs. */
  | { ok: false; reason: 'not_zip' | 'truncated' | 'zip64' };

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const END_RECORD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const ZIP64_MARK = 0xffffffff;

export async function readZipDirectory(file: FileHandle, fileSize: number): Promise<ZipDirectory> {
  const tailSize = Math.min(fileSize, END_RECORD_SIZE + MAX_COMMENT);
  const tail = Buffer.alloc(tailSize);
  await file.read(tail, 0, tailSize, fileSize - tailSize);
  let end = -1;
  for (let at = tailSize - END_RECORD_SIZE; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at;
      break;
    }
  }
  if (end < 0) return { ok: false, reason: 'not_zip' };
  const count = tail.readUInt16LE(end + 10);
  const directorySize = tail.readUInt32LE(end + 12);
  const directoryOffset = tail.readUInt32LE(end + 16);
  if (count === 0xffff || directorySize === ZIP64_MARK || directoryOffset === ZIP64_MARK) {
    return { ok: false, reason: 'zip64' };
  }
  if (directoryOffset + directorySize > fileSize) return { ok: false, reason: 'truncated' };
  const directory = Buffer.alloc(directorySize);
  await file.read(directory, 0, directorySize, directoryOffset);

  const entries: ZipEntry[] = [];
  let at = 0;
  for (let index = 0; index < count; index += 1) {
    if (at + 46 > directorySize || directory.readUInt32LE(at) !== DIRECTORY_ENTRY) {
      return { ok: false, reason: 'truncated' };
    }
    const compressedSize = directory.readUInt32LE(at + 20);
    const uncompressedSize = directory.readUInt32LE(at + 24);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK)
      return { ok: false, reason: 'zip64' };
    const offset = directory.readUInt32LE(at + 42);
    if (compressedSize === ZIP64_MARK || uncompressedSize === ZIP64_MARK || offset === ZIP64_MARK) {
      return { ok: false, reason: 'zip64' };
    }
    if (offset >= directoryOffset) return { ok: false, reason: 'truncated' };
    const name = directory.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, compressedSize, uncompressedSize, offset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return { ok: true, entries, directoryOffset };
}
