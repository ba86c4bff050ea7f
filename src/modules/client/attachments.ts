import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
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
  'message/rfc822': 'письмо (.eml)',
};

/** The URL under which the back-office serves an attachment (only to logged-in users). */
export const ATTACHMENT_URL_PREFIX = '/admin/files/';

/**
 * Checks what a person uploads before anything is stored: size and type, with Russian messages.
 * The browser's drop zone checks the same; this is the check that counts.
 */
export function refuseBadAttachments(files: UploadedFile[], maxBytes: number): void {
  for (const file of files) {
    if (file.size > maxBytes) {
      throw new DomainError('Файл слишком большой', 422, {
        files: `Файл «${file.name}» больше ${Math.round(maxBytes / 1024 / 1024)} МБ`,
      });
    }
    if (!ATTACHMENT_TYPES[file.type ?? '']) {
      throw new DomainError('Такой тип файла не принимается', 422, {
        files: `Файл «${file.name}»: можно прикладывать ${[...new Set(Object.values(ATTACHMENT_TYPES))].join(', ')}`,
      });
    }
  }
}

/** A file name safe to keep as the last part of a storage key (no folders, no control characters). */
export function safeFileName(name: string): string {
  const base = [...path.basename(name.replaceAll('\\', '/'))]
    .filter((character) => character.charCodeAt(0) >= 0x20 && character.charCodeAt(0) !== 0x7f)
    .join('')
    .trim();
  return (base || 'file').slice(-120);
}

/**
 * Where @adminjs/upload puts the files: a folder on disk (UPLOAD_DIR, outside any public
 * folder). `path` gives the back-office URL that serves a file to logged-in users only.
 */
export class AttachmentStorage extends BaseProvider {
  constructor(directory: string) {
    super(directory);
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
    if (target) await fs.rm(target, { force: true });
  }

  override path(key: string): string {
    return ATTACHMENT_URL_PREFIX + key.split('/').map(encodeURIComponent).join('/');
  }
}
