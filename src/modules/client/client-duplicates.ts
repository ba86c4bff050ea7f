/**
 * Possible duplicates of a client card (docs/product.md §2): the same INN, phone or e-mail (the card's or a
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
export const NAME_SIMILARITY = 0.55;

/** A company name without legal form, quotes and punctuation, in lower case — in SQL, for both sides. */
export const normalizedName = (expression: string) =>
  `btrim(regexp_replace(regexp_replace(lower(${expression}), '(^|[^а-яёa-z0-9])(ооо|оао|зао|пао|ао|ип|нко|ltd|llc)(?=[^а-яёa-z0-9]|$)', ' ', 'g'), '[^а-яёa-z0-9]+', ' ', 'g'))`;

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
