import { normalizedName } from '../client/client-duplicates.js';
import { likeLiteral, type SearchPlan } from './search-query.js';

/**
 * The SQL of the search, one statement per kind. Every way of matching is a branch an index
 * answers (migration SearchIndexes): equal id and INN; `reverse(phone)` for a whole number or its
 * last digits; `lower(email)` and `lower(name)` for an address or a name by its start; trigrams
 * for a company containing the text, and for names and companies with typos (word similarity,
 * `%>`). The branches run in that order, most exact first, each stopping at RESULTS_PER_KIND, and
 * the statement stops as soon as it has that many — so a typo search only runs when the exact ones
 * did not fill the list, and a name shared by a hundred thousand leads costs no more than a rare one.
 */
export const RESULTS_PER_KIND = 10;

/** The values of one statement, numbered as they are added. */
export class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * The text of every contact person's fields (names, position, phone, e-mail) as one lower-case
 * string; empty fields left out, so a person's last and first names stand side by side.
 */
export const CONTACTS_TEXT = `lower(jsonb_path_query_array(contacts, '$[*].* ? (@ != null)')::text)`;

const reversed = (text: string) => [...text].reverse().join('');

/** One way of matching: its rank (lower comes first), a score among equals, and the condition. */
const branch = (table: string, rank: number, score: string, where: string) =>
  `(SELECT id, ${rank} AS rank, ${score} AS score FROM ${table} WHERE ${where} LIMIT ${RESULTS_PER_KIND})`;

/** The ways of matching leads and clients, most exact first. */
function recordBranches(
  plan: SearchPlan,
  table: 'lead' | 'client',
  nameColumn: string | null,
  companyColumn: string,
  parameters: Parameters,
): string[] {
  const branches: string[] = [];
  if (plan.id !== undefined) branches.push(branch(table, 0, '1', `id = ${parameters.add(plan.id)}`));
  if (plan.inn !== undefined && table === 'client')
    branches.push(branch(table, 0, '1', `inn = ${parameters.add(plan.inn)}`));
  if (plan.phone !== undefined)
    branches.push(branch(table, 1, '1', `reverse(phone) = ${parameters.add(reversed(plan.phone))}`));
  if (plan.phoneSuffix !== undefined)
    branches.push(
      branch(table, 2, '1', `reverse(phone) LIKE ${parameters.add(`${reversed(plan.phoneSuffix)}%`)}`),
    );
  if (plan.emailPrefix !== undefined) {
    branches.push(branch(table, 1, '1', `lower(email) = ${parameters.add(plan.emailPrefix)}`));
    const pattern = parameters.add(`${likeLiteral(plan.emailPrefix)}%`);
    branches.push(branch(table, 2, '1', `lower(email) LIKE ${pattern}`));
  }
  if (plan.words !== undefined) {
    const words = parameters.add(plan.words);
    if (nameColumn) {
      const start = parameters.add(`${likeLiteral(plan.words.toLowerCase())}%`);
      branches.push(branch(table, 3, '1', `lower(${nameColumn}) LIKE ${start}`));
    }
    // The company's legal form and quotes are left out of the typed text as duplicate search does.
    const company = normalizedName(`${words}::text`);
    branches.push(
      // The normalised text has letters, digits and spaces only: nothing to escape for ILIKE.
      // A company part shorter than 3 characters («ООО» → '', «ООО Ак» → 'ак') has no trigram to
      // look up: both company branches are skipped then (a one-time filter, before any scan).
      branch(table, 4, '1', `length(${company}) >= 3 AND ${companyColumn} ILIKE '%' || ${company} || '%'`),
    );
    if (nameColumn)
      branches.push(
        branch(table, 5, `word_similarity(${words}, ${nameColumn})`, `${nameColumn} %> ${words}`),
      );
    branches.push(
      branch(
        table,
        6,
        `word_similarity(${company}, ${companyColumn})`,
        `length(${company}) >= 3 AND ${companyColumn} %> ${company}`,
      ),
    );
  }
  return branches;
}

/** The first RESULTS_PER_KIND ids over the branches in order (the caller drops repeats). */
const first = (branches: string[]) =>
  `SELECT id, rank, score FROM (${branches.join(' UNION ALL ')}) candidates LIMIT ${RESULTS_PER_KIND}`;

export function leadsSql(plan: SearchPlan) {
  const parameters = new Parameters();
  const branches = recordBranches(plan, 'lead', 'name', 'company', parameters);
  if (branches.length === 0) return undefined;
  return {
    sql: `SELECT l.id, l.status, l.name, l.company, l.phone, l.email, l.client_id AS "clientId", d.name AS department
          FROM (${first(branches)}) found JOIN lead l ON l.id = found.id
          LEFT JOIN department d ON d.id = l.department_id
          ORDER BY found.rank, found.score DESC, l.id DESC`,
    parameters: parameters.values,
  };
}

export function clientsSql(plan: SearchPlan) {
  const parameters = new Parameters();
  const branches = recordBranches(plan, 'client', null, 'company_name', parameters);
  if (branches.length === 0) return undefined;
  return {
    sql: `SELECT c.id, c.company_name AS "companyName", c.inn, c.phone, c.email, s.name AS stage, d.name AS department
          FROM (${first(branches)}) found JOIN client c ON c.id = found.id
          JOIN stage s ON s.id = c.stage_id JOIN department d ON d.id = c.department_id
          ORDER BY found.rank, found.score DESC, c.id DESC`,
    parameters: parameters.values,
  };
}

/** Cards whose contacts' text matches, looked at for the persons who do. */
const CONTACT_CARDS = 200;

/**
 * Contact persons of client cards: the cards whose contacts' text matches (a trigram index on
 * CONTACTS_TEXT), then each matching person of them.
 */
export function contactsSql(plan: SearchPlan) {
  const parameters = new Parameters();
  const cardConditions: string[] = [];
  const personScores: string[] = [];
  const person = (field: string) => `person->>'${field}'`;
  if (plan.phone !== undefined) {
    const phone = parameters.add(plan.phone);
    cardConditions.push(`${CONTACTS_TEXT} LIKE ${parameters.add(`%"${likeLiteral(plan.phone)}"%`)}`);
    personScores.push(`CASE WHEN ${person('phone')} = ${phone} THEN 2.0 END`);
  }
  if (plan.phoneSuffix !== undefined) {
    cardConditions.push(`${CONTACTS_TEXT} LIKE ${parameters.add(`%${plan.phoneSuffix}"%`)}`);
    personScores.push(
      `CASE WHEN ${person('phone')} LIKE ${parameters.add(`%${plan.phoneSuffix}`)} THEN 1.5 END`,
    );
  }
  if (plan.emailPrefix !== undefined) {
    cardConditions.push(`${CONTACTS_TEXT} LIKE ${parameters.add(`%"${likeLiteral(plan.emailPrefix)}%`)}`);
    personScores.push(
      `CASE WHEN lower(${person('email')}) LIKE ${parameters.add(`${likeLiteral(plan.emailPrefix)}%`)} THEN 1.2 END`,
    );
  }
  if (plan.words !== undefined) {
    const words = parameters.add(plan.words);
    // Each word on its own: a card's text has a person's fields in JSON's key order (a position may
    // stand between the last and the first name), and people type names in either order.
    const each = (plan.words.match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 3);
    if (each.length > 0)
      cardConditions.push(each.map((word) => `${CONTACTS_TEXT} %> ${parameters.add(word)}`).join(' AND '));
    const fullName = `concat_ws(' ', ${person('lastName')}, ${person('firstName')}, ${person('middleName')})`;
    personScores.push(
      `CASE WHEN word_similarity(${words}, ${fullName}) >= current_setting('pg_trgm.word_similarity_threshold')::real
            THEN word_similarity(${words}, ${fullName}) END`,
    );
  }
  if (cardConditions.length === 0) return undefined;
  const cards = cardConditions
    .map((condition) => `(SELECT id FROM client WHERE ${condition} LIMIT ${CONTACT_CARDS})`)
    .join(' UNION ');
  return {
    sql: `SELECT c.id AS "clientId", c.company_name AS "companyName", p.person, p.position AS "index", p.score
          FROM (${cards}) cards JOIN client c ON c.id = cards.id
          CROSS JOIN LATERAL (
            SELECT person, position, greatest(${personScores.join(', ')}) AS score
            FROM jsonb_array_elements(c.contacts) WITH ORDINALITY AS people(person, position)
          ) p
          WHERE p.score IS NOT NULL
          ORDER BY p.score DESC, c.id DESC, p.position LIMIT ${RESULTS_PER_KIND}`,
    parameters: parameters.values,
  };
}

/** Deals by their number, and the deals of the clients found (theirs first, newest first). */
export function dealsSql(plan: SearchPlan, clientIds: number[]) {
  if (plan.id === undefined && clientIds.length === 0) return undefined;
  const parameters = new Parameters();
  const id = parameters.add(plan.id ?? null);
  const clients = parameters.add(clientIds);
  return {
    sql: `SELECT d.id, d.kind, d.status, d.deal_date::text AS "dealDate", d.total, c.company_name AS "companyName"
          FROM deal d JOIN client c ON c.id = d.client_id
          WHERE d.id = ${id} OR d.client_id = ANY(${clients}::int[])
          ORDER BY d.id = ${id} DESC NULLS LAST, array_position(${clients}::int[], d.client_id), d.deal_date DESC, d.id DESC
          LIMIT ${RESULTS_PER_KIND}`,
    parameters: parameters.values,
  };
}
