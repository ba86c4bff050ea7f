import type { EntityManager } from 'typeorm';

import { normalizedName } from '../../client/client-duplicates.js';
import { ClientRepository } from '../../client/client.repository.js';
import type { MappedRow } from '../import-contract.js';
import type { DuplicateLink } from '../import-run-contract.js';
import { bitrixId, first } from './line-values.js';

/** A client card a contact or a deal of the file belongs to. */
export interface FoundCompany {
  id: number;
  companyName: string;
  departmentId: number;
  contacts: Record<string, unknown>[];
  link: DuplicateLink;
}

/**
 * The card of a contact's or a deal's company: by its Bitrix24 ID («ID компании»), else by its
 * name — the same normalised name first, then the most similar one (client-duplicates.ts).
 * Undefined when there is none; `wanted` then says what was looked for.
 */
export async function findCompany(
  manager: EntityManager,
  row: MappedRow,
): Promise<{ found?: FoundCompany; wanted: string | null }> {
  const companyBitrixId = bitrixId(row, 'companyBitrixId');
  const name = first(row, 'companyName');
  const wanted = name ? `«${name}»` : companyBitrixId ? `с ID ${companyBitrixId} в Битрикс24` : null;
  if (companyBitrixId !== null) {
    const [card] = (await manager.query(
      `SELECT id, company_name AS "companyName", department_id AS "departmentId", contacts
       FROM client WHERE bitrix_id = $1`,
      [companyBitrixId],
    )) as Omit<FoundCompany, 'link'>[];
    if (card) return { found: { ...card, link: link(card, 'тот же ID компании в Битрикс24') }, wanted };
  }
  if (name === null) return { wanted };
  const columns = 'id, company_name AS "companyName", department_id AS "departmentId", contacts';
  const [same] = (await manager.query(
    `SELECT ${columns} FROM client
     WHERE ${normalizedName('company_name')} = ${normalizedName('$1::text')} AND ${normalizedName('$1::text')} <> ''
     ORDER BY id LIMIT 1`,
    [name],
  )) as Omit<FoundCompany, 'link'>[];
  if (same) return { found: { ...same, link: link(same, 'то же наименование компании') }, wanted };
  const [similar] = (await new ClientRepository(manager).duplicates({ companyName: name })).filter(
    (candidate) => candidate.reasons.includes('name'),
  );
  if (!similar) return { wanted };
  const [card] = (await manager.query(`SELECT ${columns} FROM client WHERE id = $1`, [similar.id])) as Omit<
    FoundCompany,
    'link'
  >[];
  return { found: { ...card, link: link(card, 'похожее наименование компании') }, wanted };
}

const link = (card: { id: number; companyName: string }, why: string): DuplicateLink => ({
  entity: 'client',
  id: card.id,
  name: card.companyName,
  why,
});
