import type { EntityManager } from 'typeorm';

import { HistoryEvent } from './entities/history-event.entity.js';

/** A stored file's original name and type. */
export interface AttachmentRow {
  name: string;
  mimeType: string;
}

/** A file just stored for an event: its key, original name, type and size. */
export interface StoredFileRow {
  key: string;
  name: string;
  type: string;
  size: number;
}

export interface EventTypeRow {
  id: number;
  name: string;
}

/**
 * The SQL of a client's history events and their types. It runs in the manager it is given, so
 * inside the transaction HistoryService (or its caller) holds.
 */
export class HistoryRepository {
  constructor(private readonly manager: EntityManager) {}

  create(event: Partial<HistoryEvent>): Promise<HistoryEvent> {
    return this.manager.getRepository(HistoryEvent).save(event);
  }

  async insert(event: Partial<HistoryEvent>): Promise<void> {
    await this.manager.insert(HistoryEvent, event);
  }

  findOrFail(id: number): Promise<HistoryEvent> {
    return this.manager.findOneByOrFail(HistoryEvent, { id });
  }

  /** The event locked for a change until the transaction ends. */
  lock(id: number): Promise<HistoryEvent | null> {
    return this.manager.findOne(HistoryEvent, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: number, changes: Partial<HistoryEvent>): Promise<void> {
    await this.manager.update(HistoryEvent, { id }, changes);
  }

  /** Appends files to the event's lists (under its row lock, so concurrent additions all stay). */
  async appendFiles(eventId: number, files: StoredFileRow[]): Promise<void> {
    await this.manager.query(
      `UPDATE history_event SET
         attachment_keys = attachment_keys || $2::varchar[],
         attachment_names = attachment_names || $3::varchar[],
         attachment_mime_types = attachment_mime_types || $4::varchar[],
         attachment_sizes = attachment_sizes || $5::integer[]
       WHERE id = $1`,
      [
        eventId,
        files.map((file) => file.key),
        files.map((file) => file.name),
        files.map((file) => file.type),
        files.map((file) => file.size),
      ],
    );
  }

  /** Deletes the event; the keys of its files, or undefined when there was no such event. */
  async remove(id: number): Promise<string[] | undefined> {
    const [rows] = (await this.manager.query(
      'DELETE FROM history_event WHERE id = $1 RETURNING attachment_keys AS keys',
      [id],
    )) as [{ keys: string[] }[], number];
    return rows[0]?.keys;
  }

  async attachment(key: string): Promise<AttachmentRow | undefined> {
    const [row] = (await this.manager.query(
      `SELECT attachment_names[i] AS name, attachment_mime_types[i] AS "mimeType"
       FROM history_event, generate_subscripts(attachment_keys, 1) AS i
       WHERE attachment_keys[i] = $1 LIMIT 1`,
      [key],
    )) as AttachmentRow[];
    return row;
  }

  eventTypes(): Promise<EventTypeRow[]> {
    return this.manager.query('SELECT id, name FROM history_event_type ORDER BY position, name');
  }

  /** The id of the event type with this code, if an administrator has not deleted it. */
  async typeIdByCode(code: string): Promise<number | undefined> {
    const [type] = (await this.manager.query('SELECT id FROM history_event_type WHERE code = $1', [
      code,
    ])) as { id: number }[];
    return type?.id;
  }

  async typeExists(typeId: number): Promise<boolean> {
    const rows = (await this.manager.query('SELECT id FROM history_event_type WHERE id = $1', [
      typeId,
    ])) as unknown[];
    return rows.length > 0;
  }
}
