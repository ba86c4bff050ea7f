import type { EntityManager } from 'typeorm';

import { formatDateTime } from '../../../common/ru-format.js';
import type { CreatedRecord, ImportContext, KeptRecord, UndoReport } from '../import-run-contract.js';
import { importMark } from './contact-line.js';
import { dealEventStart } from './deal-line.js';

/** A record as found now: what it is called, and why it stays (null: it may go). */
interface Verdict {
  record: CreatedRecord;
  name: string;
  keep: string | null;
}

const changedSince = (at: Date) => `изменена после импорта: ${formatDateTime(at)}`;

/**
 * «Отменить импорт»: every record is judged first (has anyone changed it since `until`?), then the
 * unchanged ones are deleted — deals before cards, so that a card's deals do not hold it. A
 * record already gone counts neither as removed nor as kept.
 */
export async function removeImported(
  manager: EntityManager,
  context: ImportContext,
  records: readonly CreatedRecord[],
  until: Date,
): Promise<UndoReport> {
  const verdicts: Verdict[] = [];
  for (const record of records) {
    const verdict = await judge(manager, context, record, until);
    if (verdict) verdicts.push(verdict);
  }
  const order = ['deal', 'contact', 'lead', 'client'];
  const going = verdicts
    .filter((verdict) => verdict.keep === null)
    .sort((a, b) => order.indexOf(a.record.entity) - order.indexOf(b.record.entity));
  let removed = 0;
  for (const { record } of going) {
    await erase(manager, context, record);
    removed += 1;
  }
  const kept: KeptRecord[] = verdicts
    .filter((verdict) => verdict.keep !== null)
    .map(({ record, name, keep }) => ({ entity: record.entity, id: record.id, name, why: keep! }));
  return { removed, kept };
}

async function judge(
  manager: EntityManager,
  context: ImportContext,
  record: CreatedRecord,
  until: Date,
): Promise<Verdict | undefined> {
  const one = async <T>(sql: string, withUntil = false): Promise<T | undefined> =>
    ((await manager.query(sql, withUntil ? [record.id, until] : [record.id])) as T[])[0];
  switch (record.entity) {
    case 'deal': {
      const deal = await one<{ updatedAt: Date; version: number; status: string; lines: boolean }>(
        `SELECT updated_at AS "updatedAt", version, status::text AS status,
                EXISTS (SELECT 1 FROM deal_line WHERE deal_id = deal.id) AS lines
         FROM deal WHERE id = $1`,
      );
      if (!deal) return undefined;
      const changed = deal.updatedAt > until || deal.version > 1 || deal.status !== 'draft' || deal.lines;
      return { record, name: `Сделка №${record.id}`, keep: changed ? changedSince(deal.updatedAt) : null };
    }
    case 'contact': {
      const card = await one<{ name: string; updatedAt: Date; present: boolean }>(
        `SELECT company_name AS name, updated_at AS "updatedAt",
                EXISTS (SELECT 1 FROM jsonb_array_elements(contacts) person
                        WHERE person->>'importedFrom' = '${importMark(context.jobId, record.line)}') AS present
         FROM client WHERE id = $1`,
      );
      if (!card || !card.present) return undefined;
      return {
        record,
        name: card.name,
        keep: card.updatedAt > until ? `карточка ${changedSince(card.updatedAt)}` : null,
      };
    }
    case 'lead': {
      const lead = await one<{
        name: string;
        updatedAt: Date;
        version: number;
        moved: boolean;
        clientId: number | null;
      }>(
        `SELECT coalesce(company, name, 'Лид №' || id) AS name, updated_at AS "updatedAt", version,
                client_id AS "clientId",
                EXISTS (SELECT 1 FROM lead_status_change WHERE lead_id = lead.id AND changed_at > $2) AS moved
         FROM lead WHERE id = $1`,
        true,
      );
      if (!lead) return undefined;
      const keep =
        lead.clientId !== null
          ? 'лид привязан к карточке клиента'
          : lead.updatedAt > until || lead.version > 1 || lead.moved
            ? changedSince(lead.updatedAt)
            : null;
      return { record, name: lead.name, keep };
    }
    case 'client': {
      const card = await one<{
        name: string;
        updatedAt: Date;
        version: number;
        lastEvent: Date | null;
        deals: number;
        leads: number;
      }>(
        `SELECT company_name AS name, updated_at AS "updatedAt", version,
                greatest(
                  (SELECT max(greatest(created_at, updated_at)) FROM history_event WHERE client_id = client.id),
                  (SELECT max(changed_at) FROM client_status_change WHERE client_id = client.id)
                ) AS "lastEvent",
                (SELECT count(*)::int FROM deal WHERE client_id = client.id) AS deals,
                (SELECT count(*)::int FROM lead WHERE client_id = client.id) AS leads
         FROM client WHERE id = $1`,
      );
      if (!card) return undefined;
      const latest = card.lastEvent && card.lastEvent > card.updatedAt ? card.lastEvent : card.updatedAt;
      const keep =
        latest > until || card.version > 1
          ? changedSince(latest)
          : card.deals > 0
            ? 'у карточки есть сделки'
            : card.leads > 0
              ? 'к карточке привязаны лиды'
              : null;
      return { record, name: card.name, keep };
    }
  }
}

async function erase(manager: EntityManager, context: ImportContext, record: CreatedRecord): Promise<void> {
  switch (record.entity) {
    case 'deal': {
      const [deal] = (await manager.query(
        'DELETE FROM deal WHERE id = $1 RETURNING client_id AS "clientId"',
        [record.id],
      )) as [{ clientId: number }[], number];
      const clientId = deal[0]?.clientId;
      if (clientId === undefined) return;
      // The deal's import event on the card goes with it (the card itself stays).
      await manager.query(
        `DELETE FROM history_event WHERE client_id = $1 AND automatic AND comment LIKE $2
           AND type_id IN (SELECT id FROM history_event_type WHERE code = 'import')`,
        [clientId, `${dealEventStart(record.id)}%`],
      );
      return;
    }
    case 'contact': {
      const mark = importMark(context.jobId, record.line);
      await manager.query(
        `UPDATE client SET contacts = coalesce(
           (SELECT jsonb_agg(person ORDER BY at) FROM jsonb_array_elements(contacts) WITH ORDINALITY AS list(person, at)
            WHERE person->>'importedFrom' IS DISTINCT FROM $2), '[]'::jsonb),
           version = version + 1, updated_at = now()
         WHERE id = $1`,
        [record.id, mark],
      );
      // Its import event on the card goes with it.
      await manager.query(
        `DELETE FROM history_event WHERE client_id = $1 AND automatic AND comment LIKE 'Контактное лицо «%' AND comment LIKE $2
           AND type_id IN (SELECT id FROM history_event_type WHERE code = 'import')`,
        [record.id, `%(файл «${escapeLike(context.fileName)}», строка ${record.line})%`],
      );
      return;
    }
    case 'lead':
      await manager.query('DELETE FROM lead WHERE id = $1', [record.id]);
      return;
    case 'client':
      await manager.query('DELETE FROM client WHERE id = $1', [record.id]);
      return;
  }
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (character) => `\\${character}`);
