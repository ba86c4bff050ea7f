import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

import { DomainError } from '../../common/domain-error.js';
import { transactionWithRefusals } from '../../database/database-errors.js';
import { AttachmentStorage, type IncomingFile } from './attachments.js';
import { HistoryEvent } from './entities/history-event.entity.js';
import { HistoryRepository, type StoredFileRow } from './history.repository.js';

/** The file changes of one write of history events, made on its transaction's connection. */
export class EventFileChanges {
  /** Keys stored by this write: deleted again if it does not commit. */
  readonly stored: string[] = [];
  /** Keys this write took off events: their files are deleted once it commits. */
  readonly removed: string[] = [];

  constructor(
    private readonly manager: EntityManager,
    private readonly storage: AttachmentStorage,
  ) {}

  /**
   * Stores the files and appends them to the event's lists as they are now, index by index (the
   * event is locked by the caller, or new in this transaction).
   */
  async attach(eventId: number, files: IncomingFile[]): Promise<void> {
    if (files.length === 0) return;
    const added: StoredFileRow[] = [];
    for (const file of files) {
      const received = await this.storage.receivedFile(file);
      if (!received) {
        throw new DomainError('history.file_missing', 'Файл не получен', {
          fields: { files: 'Файл не получен — выберите его заново' },
        });
      }
      const name = file.name ?? '';
      const key = AttachmentStorage.keyFor(String(eventId), name);
      await this.storage.upload(file, key);
      this.stored.push(key);
      added.push({ key, name, type: file.type, size: received.size });
    }
    await new HistoryRepository(this.manager).appendFiles(eventId, added);
  }

  /**
   * Takes the files of these keys off the (locked) event, keeping its lists aligned; a key it no
   * longer has was removed already. Answers whether anything was removed.
   */
  async detach(event: HistoryEvent, keys: string[]): Promise<boolean> {
    const removed = event.attachmentKeys.filter((key) => keys.includes(key));
    if (removed.length === 0) return false;
    const kept = event.attachmentKeys.flatMap((key, index) => (removed.includes(key) ? [] : [index]));
    await new HistoryRepository(this.manager).update(event.id, {
      attachmentKeys: kept.map((index) => event.attachmentKeys[index]),
      attachmentNames: kept.map((index) => event.attachmentNames[index]),
      attachmentMimeTypes: kept.map((index) => event.attachmentMimeTypes[index]),
      attachmentSizes: kept.map((index) => event.attachmentSizes[index]),
    });
    this.removed.push(...removed);
    return true;
  }

  /** The files of rows this write deletes. */
  forget(keys: string[]): void {
    this.removed.push(...keys);
  }
}

/**
 * History events' files, changed in the transaction that writes the event: a refused or failed
 * write deletes the files it stored, a committed one the files it removed — no key is left without
 * its file, nor (short of a crash in between) a file without its key.
 */
@Injectable()
export class EventFiles {
  private readonly logger = new Logger('EventFiles');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: AttachmentStorage,
  ) {}

  /** Runs `work` in a transaction (PostgreSQL's refusals become Russian 422s) with its file changes. */
  async write<T>(work: (manager: EntityManager, files: EventFileChanges) => Promise<T>): Promise<T> {
    let changes: EventFileChanges | undefined;
    let result: T;
    try {
      result = await transactionWithRefusals(this.dataSource, HistoryEvent, (manager) => {
        changes = new EventFileChanges(manager, this.storage);
        return work(manager, changes);
      });
    } catch (error) {
      await this.delete(changes?.stored ?? []);
      throw error;
    }
    await this.delete(changes?.removed ?? []);
    return result;
  }

  private async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      // A file left behind wastes disk, nothing more: the write itself stands (or was refused).
      await this.storage.delete(key).catch((error: unknown) => {
        this.logger.warn({ err: error, key }, 'Файл вложения не удалён');
      });
    }
  }
}
