import { randomUUID } from 'node:crypto';
import { mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';

import { BaseProvider } from '@adminjs/upload';
import type { UploadedFile } from 'adminjs';

import { DomainError } from '../../common/domain-error.js';

/** The files a history event may carry: documents, spreadsheets, images, archives, mail. */
export const ATTACHMENT_TYPES: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/msword': 'Word',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word',
  'application/vnd.ms-excel': 'Excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel',
  'application/vnd.oasis.opendocument.text': 'ODT',
  'application/vnd.oasis.opendocument.spreadsheet': 'ODS',
  'text/plain': 'текст',
  'text/csv': 'CSV',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
  'application/zip': 'ZIP',
  'application/x-zip-compressed': 'ZIP',
  'message/rfc822': 'письмо (.eml)',
};

/** The file name endings each accepted type may have: the type a browser sends must match the name. */
const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['.pdf'],
  'application/msword': ['.doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['.docx'],
  'application/vnd.ms-excel': ['.xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/vnd.oasis.opendocument.text': ['.odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['.ods'],
  'text/plain': ['.txt'],
  'text/csv': ['.csv'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
  'application/zip': ['.zip'],
  'application/x-zip-compressed': ['.zip'],
  'message/rfc822': ['.eml'],
};

/** A file as the back-office's form parser received it (AdminJS's UploadedFile). */
export type IncomingFile = UploadedFile;

/** The longest original name an event keeps (`history_event.attachment_names`). */
const MAX_NAME = 255;

/** The URL under which the back-office serves an attachment (only to logged-in users). */
export const ATTACHMENT_URL_PREFIX = '/admin/files/';

/**
 * Checks what a person uploads before anything is stored: that each file is one this server has
 * just received (a form field cannot pose as a file pointing elsewhere on the disk), its real
 * size, and its type together with its name's ending; Russian messages.
 */
export async function refuseBadAttachments(
  files: IncomingFile[],
  maxBytes: number,
  storage: AttachmentStorage,
): Promise<void> {
  const allowed = [...new Set(Object.values(ATTACHMENT_TYPES))].join(', ');
  for (const file of files) {
    const name = typeof file?.name === 'string' ? file.name : '';
    const received = await storage.receivedFile(file);
    if (!received) {
      throw new DomainError('history.file_missing', 'Файл не получен', {
        fields: { files: 'Файл не получен — выберите его заново' },
      });
    }
    if (received.size > maxBytes) {
      throw new DomainError('history.file_too_large', 'Файл слишком большой', {
        fields: {
          files: `Файл «${name}» больше ${Math.round(maxBytes / 1024 / 1024)} МБ`,
        },
      });
    }
    if (name.length > MAX_NAME) {
      throw new DomainError('history.file_name_too_long', 'Слишком длинное имя файла', {
        fields: {
          files: `Имя файла длиннее ${MAX_NAME} символов — сократите его`,
        },
      });
    }
    const extension = path.extname(name).toLowerCase();
    if (!EXTENSIONS[file.type ?? '']?.includes(extension)) {
      throw new DomainError('history.file_type', 'Такой тип файла не принимается', {
        fields: {
          files: `Файл «${name}»: можно прикладывать ${allowed}`,
        },
      });
    }
  }
}

/** A file name safe to keep as the last part of a storage key (no folders, no control characters). */
export function safeFileName(name: string): string {
  let base = [...path.basename(name.replaceAll('\\', '/'))]
    .filter((character) => character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  if (base === '' || base === '.' || base === '..') base = 'file';
  // Linux allows 255 bytes per name: keep the ending (the extension), drop from the front.
  while (Buffer.byteLength(base) > 200) base = base.slice(1);
  return base;
}

/**
 * Where @adminjs/upload puts the files: a folder on disk (UPLOAD_DIR, outside any public
 * folder). `path` gives the back-office URL that serves a file to logged-in users only.
 */
export class AttachmentStorage extends BaseProvider {
  /** Where the back-office's form parser (formidable) writes files while they arrive. */
  readonly incoming: string;

  constructor(directory: string) {
    super(directory);
    this.incoming = path.join(directory, '.incoming');
    mkdirSync(this.incoming, { recursive: true });
  }

  /**
   * The file formidable received for this request, with its real size; undefined for anything
   * else (a path elsewhere, a symbolic link, a missing file).
   */
  async receivedFile(file: UploadedFile | undefined): Promise<{ size: number } | undefined> {
    if (!file || typeof file.path !== 'string') return undefined;
    const resolved = path.resolve(file.path);
    if (path.dirname(resolved) !== path.resolve(this.incoming)) return undefined;
    const stat = await fs.lstat(resolved).catch(() => undefined);
    return stat?.isFile() ? { size: stat.size } : undefined;
  }

  /**
   * Deletes what lies in the incoming folder unwritten for `idleMs`: uploads whose request ended
   * without taking them (a crash, a cut connection). A file still arriving is written to all the
   * time, so it stays. Returns how many were deleted.
   */
  async removeAbandonedUploads(idleMs: number, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await fs.readdir(this.incoming).catch(() => [] as string[])) {
      const file = path.join(this.incoming, name);
      const stat = await fs.lstat(file).catch(() => undefined);
      if (!stat?.isFile() || now - stat.mtimeMs < idleMs) continue;
      await fs.rm(file, { force: true });
      removed += 1;
    }
    return removed;
  }

  /** `<event id>/<random>/<original name>`: unguessable, and the name survives for the download. */
  static keyFor(eventId: string, fileName: string): string {
    return `${eventId}/${randomUUID()}/${safeFileName(fileName)}`;
  }

  /** The file of a key, or undefined when the key would leave the folder. */
  fileOf(key: string): string | undefined {
    const file = path.resolve(this.bucket, key);
    return file.startsWith(path.resolve(this.bucket) + path.sep) ? file : undefined;
  }

  override async upload(file: UploadedFile, key: string): Promise<void> {
    const target = this.fileOf(key);
    if (!target) throw new Error(`Недопустимый путь файла: ${key}`);
    if (!(await this.receivedFile(file))) throw new Error('Файл не из приёма загрузок');
    await fs.mkdir(path.dirname(target), { recursive: true });
    try {
      await fs.rename(file.path, target);
    } catch (error) {
      // The upload's temporary folder may be on another disk.
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      await fs.copyFile(file.path, target);
      await fs.unlink(file.path);
    }
  }

  override async delete(key: string): Promise<void> {
    const target = this.fileOf(key);
    if (!target) return;
    await fs.rm(target, { force: true });
    // The key's own folder (`<event>/<random>/`) and the event's, once empty.
    for (const folder of [path.dirname(target), path.dirname(path.dirname(target))]) {
      if (folder.startsWith(path.resolve(this.bucket) + path.sep))
        await fs.rmdir(folder).catch(() => undefined);
    }
  }

  override path(key: string): string {
    return ATTACHMENT_URL_PREFIX + key.split('/').map(encodeURIComponent).join('/');
  }
}
