/**
 * A column header or a value as compared, not as shown: lower case, «ё» as «е», one space between
 * words, no quotes, stars or colons around it, and every spelling of e-mail as «email»
 * («E-mail», «e-mail», «Эл. почта», «Электронная почта»).
 */
export function normalizeName(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'*:]/g, ' ')
    .replace(/\be-?mail\b|эл\.?\s*почта|электронная почта|е-?мейл/g, 'email')
    .replace(/[.,;()[\]]/g, ' ')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}
