/**
 * ИНН (taxpayer number): 10 digits for an organisation, 12 for a person or sole proprietor, with
 * the check digits of the Federal Tax Service's algorithm (weighted sum mod 11, then mod 10).
 */
const WEIGHTS_10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_11 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const WEIGHTS_12 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((total, weight, index) => total + weight * digits[index], 0);
  return (sum % 11) % 10;
}

export function isValidInn(value: string): boolean {
  if (!/^(\d{10}|\d{12})$/.test(value)) return false;
  const digits = [...value].map(Number);
  if (digits.length === 10) return checkDigit(digits, WEIGHTS_10) === digits[9];
  return checkDigit(digits, WEIGHTS_11) === digits[10] && checkDigit(digits, WEIGHTS_12) === digits[11];
}

/** Why an INN is refused, in Russian; null when it is valid. */
export function innError(value: string): string | null {
  if (!/^\d+$/.test(value)) return 'ИНН состоит только из цифр';
  if (value.length !== 10 && value.length !== 12) {
    return 'ИНН содержит 10 цифр (организация) или 12 цифр (физическое лицо, ИП)';
  }
  return isValidInn(value) ? null : 'Неверный ИНН: не сходятся контрольные цифры';
}
