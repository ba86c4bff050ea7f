import type { EntityManager } from 'typeorm';

/**
 * Possible duplicates of a client card (SPEC §2): the same INN, phone or e-mail (the card's or a
 * contact person's), or a very similar company name (legal form and punctuation ignored, pg_trgm).
 */

/** A card that may be the same client, and why it looks so. */
export interface PossibleDuplicate {
  id: number;
  companyName: string;
  inn: string | null;
  phone: string | null;
  email: string | null;
  reasons: ('inn' | 'phone' | 'email' | 'name')[];
}

export const duplicateReasonLabels: Record<PossibleDuplicate['reasons'][number], string> = {
  inn: 'тот же ИНН',
  phone: 'тот же телефон',
  email: 'та же эл. почта',
  name: 'похожее наименование',
};

export type DuplicateCriteria = {
  inn?: string | null;
  phone?: string | null;
  email?: string | null;
  companyName?: string | null;
  /** The new card's contact persons: their phones and e-mails count too. */
  contacts?: { phone: string | null; email: string | null }[];
};

/** How similar two normalised company names must be (pg_trgm) to be shown as a possible duplicate. */
const NAME_SIMILARITY = 0.55;

/** A company name without legal form, quotes and punctuation, in lower case — in SQL, for both sides. */
export const normalizedName = (expression: string) =>
  `btrim(regexp_replace(regexp_replace(lower(${expression}), '(^|[^а-яёa-z0-9])(ооо|оао|зао|пао|ао|ип|нко|ltd|llc)(?=[^а-яёa-z0-9]|$)', ' ', 'g'), '[^а-яёa-z0-9]+', ' ', 'g'))`;

/** Cards that may be the same client: same INN, phone (also a contact's) or e-mail, or a very similar name. */
export async function findDuplicates(
  manager: EntityManager,
  criteria: DuplicateCriteria,
  excludeId?: number,
): Promise<PossibleDuplicate[]> {
  const present = (values: (string | null | undefined)[]) => [
    ...new Set(values.filter((value): value is string => Boolean(value))),
  ];
  const phones = present([criteria.phone, ...(criteria.contacts ?? []).map((person) => person.phone)]);
  const emails = present(
    [criteria.email, ...(criteria.contacts ?? []).map((person) => person.email)].map(
      (email) => email?.trim().toLowerCase() || null,
    ),
  );
  const name = criteria.companyName?.trim() || null;
  const rows = (await manager.query(
    `SELECT * FROM (
       SELECT id, company_name AS "companyName", inn, phone, email,
         array_remove(ARRAY[
           CASE WHEN $1::text IS NOT NULL AND inn = $1 THEN 'inn' END,
           CASE WHEN phone = ANY($2::text[])
                  OR EXISTS (SELECT 1 FROM jsonb_array_elements(contacts) person WHERE person->>'phone' = ANY($2::text[]))
                THEN 'phone' END,
           CASE WHEN lower(email) = ANY($3::text[])
                  OR EXISTS (SELECT 1 FROM jsonb_array_elements(contacts) person WHERE lower(person->>'email') = ANY($3::text[]))
                THEN 'email' END,
           CASE WHEN $4::text IS NOT NULL AND ${normalizedName('$4::text')} <> ''
                 AND (${normalizedName('company_name')} = ${normalizedName('$4::text')}
                      OR similarity(${normalizedName('company_name')}, ${normalizedName('$4::text')}) >= ${NAME_SIMILARITY})
                THEN 'name' END
         ], NULL) AS reasons
       FROM client WHERE id <> $5
     ) candidates
     WHERE cardinality(reasons) > 0
     ORDER BY cardinality(reasons) DESC, id LIMIT 10`,
    [criteria.inn ?? null, phones, emails, name, excludeId ?? 0],
  )) as PossibleDuplicate[];
  return rows;
}

/** A possible duplicate with why it looks like the same client, in words. */
export type ExplainedDuplicate = PossibleDuplicate & { why: string };

/** The duplicates with why each looks like the same client, in words, for the form that shows them. */
export function explain(duplicates: PossibleDuplicate[]): ExplainedDuplicate[] {
  return duplicates.map((duplicate) => ({
    ...duplicate,
    why: duplicate.reasons.map((reason) => duplicateReasonLabels[reason]).join(', '),
  }));
}

export function describe(duplicates: PossibleDuplicate[]): string {
  return duplicates
    .slice(0, 5)
    .map(
      (duplicate) =>
        `«${duplicate.companyName}» (№${duplicate.id}: ${duplicate.reasons.map((reason) => duplicateReasonLabels[reason]).join(', ')})`,
    )
    .join('; ');
}
