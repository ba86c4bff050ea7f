import type { QueryRunner } from 'typeorm';

import { NAME_SIMILARITY, normalizedName } from './client-duplicates.js';

/**
 * The CURRENT text of `client_duplicates`, the database side of the duplicate search of a client
 * card (ClientRepository.duplicates): the cards with the same INN, phone or e-mail (the card's or a
 * contact person's) or a very similar name, with the reasons, the most alike first, at most ten.
 *
 * A PL/pgSQL function because it is asked for every row of an import: PostgreSQL keeps its plan
 * for the session instead of planning the whole query again on every call, and the function's
 * own `pg_trgm.similarity_threshold` narrows `%` to NAME_SIMILARITY — the same cards from far
 * fewer candidates, without a statement of its own to set it. Candidates come from indexes only:
 * the unique INN, the phone and e-mail indexes, the contact persons' keys (client_contact_keys)
 * and the normalised name, equal or by trigrams.
 *
 * To change it: edit it here, then add a migration that runs `installClientDuplicates` again (as
 * 1796560000000-ClientDuplicatesFunction does). A change of its arguments or result drops it first.
 */
export const clientDuplicatesFunction = `CREATE OR REPLACE FUNCTION client_duplicates(
    wanted_inn text, wanted_phones text[], wanted_emails text[], wanted_name text, except_id integer)
  RETURNS TABLE (id integer, company_name text, inn text, phone text, email text, reasons text[])
  LANGUAGE plpgsql STABLE
  SET pg_trgm.similarity_threshold = ${NAME_SIMILARITY}
AS $$
DECLARE
  wanted text := coalesce(${normalizedName('wanted_name')}, '');
  keys text[] := coalesce(wanted_phones, '{}') || coalesce(wanted_emails, '{}');
BEGIN
  RETURN QUERY
  WITH found AS (
    SELECT c.id FROM client c WHERE c.inn = wanted_inn
    UNION SELECT c.id FROM client c WHERE c.phone = ANY(wanted_phones)
    UNION SELECT c.id FROM client c WHERE lower(c.email) = ANY(wanted_emails)
    UNION SELECT c.id FROM client c WHERE client_contact_keys(c.contacts) && keys
    UNION SELECT c.id FROM client c WHERE ${normalizedName('c.company_name')} = wanted AND wanted <> ''
    UNION SELECT c.id FROM client c WHERE ${normalizedName('c.company_name')} % wanted AND wanted <> ''
  )
  SELECT candidates.* FROM (
    SELECT c.id, c.company_name::text, c.inn::text, c.phone::text, c.email::text,
      array_remove(ARRAY[
        CASE WHEN c.inn = wanted_inn THEN 'inn' END,
        CASE WHEN c.phone = ANY(wanted_phones)
               OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.contacts) person
                          WHERE person->>'phone' = ANY(wanted_phones))
             THEN 'phone' END,
        CASE WHEN lower(c.email) = ANY(wanted_emails)
               OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.contacts) person
                          WHERE lower(person->>'email') = ANY(wanted_emails))
             THEN 'email' END,
        CASE WHEN wanted <> ''
              AND (${normalizedName('c.company_name')} = wanted
                   OR similarity(${normalizedName('c.company_name')}, wanted) >= ${NAME_SIMILARITY})
             THEN 'name' END
      ], NULL) AS reasons
    FROM client c WHERE c.id IN (SELECT found.id FROM found) AND c.id <> except_id
  ) candidates
  WHERE cardinality(candidates.reasons) > 0
  ORDER BY cardinality(candidates.reasons) DESC, candidates.id
  LIMIT 10;
END
$$`;

/** Installs the current `client_duplicates` (CREATE OR REPLACE: installing twice changes nothing). */
export async function installClientDuplicates(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(clientDuplicatesFunction);
}
