import { normalizedName } from '../client/client-duplicates.js';
import { likeLiteral, type SearchPlan } from './search-query.js';

/**
 * The SQL of the search, one statement per kind. Every way of matching is a branch that an index
 * answers (migration SearchIndexes): equal id, INN; `reverse(phone)` for a whole number or its
 * last digits; `lower(email)` for an address or its start; trigram word similarity (`%>`) for names
 * and companies. Each branch stops after CANDIDATES rows, so a very common name costs no more than
 * a rare one; the best of the candidates come first.
 */
export const RESULTS_PER_KIND = 10;
const CANDIDATES = 200;

/** How similar (pg_trgm word similarity) a name must be: one typo in a short word still passes. */
export const WORD_SIMILARITY = 0.5;

/** The values of one statement, numbered as they are added. */
export class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The text of every contact person's fields (names, position, phone, e-mail) as one lower-case string. */
export const CONTACTS_TEXT = `lower(jsonb_path_query_array(contacts, '$[*].*')::text)`;

const branch = (select: string, table: string, where: string, limit = true) =>
  `(SELECT ${select} FROM ${table} WHERE ${where}${limit ? ` LIMIT ${CANDIDATES}` : ''})`;

/** Branches shared by leads and clients: id, phone of the record itself, e-mail, and names. */
function recordBranches(
  plan: SearchPlan,
  table: 'lead' | 'client',
  nameColumns: string[],
  companyColumn: string,
  parameters: Parameters,
): string[] {
  const branches: string[] = [];
  if (plan.id !== undefined)
    branches.push(branch('id, 3.0 AS score', table, `id = ${parameters.add(plan.id)}`, false));
  if (plan.phone !== undefined) {
    const phone = parameters.add([...plan.phone].reverse().join(''));
    branches.push(branch('id, 2.0 AS score', table, `reverse(phone) = ${phone}`));
  }
  if (plan.phoneSuffix !== undefined) {
    const pattern = parameters.add(`${[...plan.phoneSuffix].reverse().join('')}%`);
    branches.push(branch('id, 1.5 AS score', table, `reverse(phone) LIKE ${pattern}`));
  }
  if (plan.emailPrefix !== undefined) {
    const exact = parameters.add(plan.emailPrefix);
    const pattern = parameters.add(`${likeLiteral(plan.emailPrefix)}%`);
    branches.push(
      branch(
        `id, CASE WHEN lower(email) = ${exact} THEN 2.0 ELSE 1.2 END AS score`,
        table,
        `lower(email) LIKE ${pattern}`,
      ),
    );
  }
  if (plan.words !== undefined) {
    const words = parameters.add(plan.words);
    for (const column of nameColumns)
      branches.push(
        branch(`id, word_similarity(${words}, ${column}) AS score`, table, `${column} %> ${words}`),
      );
    // The company's legal form and quotes are left out of the typed text as duplicate search does.
    const company = normalizedName(`${words}::text`);
    branches.push(
      branch(
        `id, word_similarity(${company}, ${companyColumn}) AS score`,
        table,
        `${companyColumn} %> ${company}`,
      ),
    );
  }
  return branches;
}

/** The best ids of a table over the branches, best first. */
const best = (branches: string[]) =>
  `SELECT id, max(score) AS score FROM (${branches.join(' UNION ALL ')}) candidates
   GROUP BY id ORDER BY max(score) DESC, id DESC LIMIT ${RESULTS_PER_KIND}`;

export function leadsSql(plan: SearchPlan) {
  const parameters = new Parameters();
  const branches = recordBranches(plan, 'lead', ['name'], 'company', parameters);
  if (branches.length === 0) return undefined;
  return {
    sql: `SELECT l.id, l.status, l.name, l.company, l.phone, l.email, l.client_id AS "clientId", d.name AS department
          FROM (${best(branches)}) found JOIN lead l ON l.id = found.id
          LEFT JOIN department d ON d.id = l.department_id
          ORDER BY found.score DESC, l.id DESC`,
    parameters: parameters.values,
  };
}

export function clientsSql(plan: SearchPlan) {
  const parameters = new Parameters();
  const branches = recordBranches(plan, 'client', [], 'company_name', parameters);
  if (plan.inn !== undefined)
    branches.push(branch('id, 3.0 AS score', 'client', `inn = ${parameters.add(plan.inn)}`, false));
  if (branches.length === 0) return undefined;
  return {
    sql: `SELECT c.id, c.company_name AS "companyName", c.inn, c.phone, c.email, s.name AS stage, d.name AS department
          FROM (${best(branches)}) found JOIN client c ON c.id = found.id
          JOIN stage s ON s.id = c.stage_id JOIN department d ON d.id = c.department_id
          ORDER BY found.score DESC, c.id DESC`,
    parameters: parameters.values,
  };
}

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
    cardConditions.push(`${CONTACTS_TEXT} %> ${words}`);
    const fullName = `concat_ws(' ', ${person('lastName')}, ${person('firstName')}, ${person('middleName')})`;
    personScores.push(
      `CASE WHEN word_similarity(${words}, ${fullName}) >= ${WORD_SIMILARITY} THEN word_similarity(${words}, ${fullName}) END`,
    );
  }
  if (cardConditions.length === 0) return undefined;
  const cards = cardConditions.map((condition) => branch('id', 'client', condition)).join(' UNION ');
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
    sql: `SELECT d.id, d.kind, d.status, to_char(d.deal_date, 'DD.MM.YYYY') AS "dealDate", d.total, c.company_name AS "companyName"
          FROM deal d JOIN client c ON c.id = d.client_id
          WHERE d.id = ${id} OR d.client_id = ANY(${clients}::int[])
          ORDER BY d.id = ${id} DESC NULLS LAST, array_position(${clients}::int[], d.client_id), d.deal_date DESC, d.id DESC
          LIMIT ${RESULTS_PER_KIND}`,
    parameters: parameters.values,
  };
}
