import { DomainError } from '../../../common/domain-error.js';
import type { LineOutcome } from '../import-run-contract.js';
import { RowRefusal } from './line-values.js';

/**
 * A row's refusal as its outcome: the reason of a RowRefusal, or of a domain rule (its field
 * messages when it has them: «Проверьте заполнение полей» alone tells a manager nothing). Other
 * errors (the database's) go to the caller, whose savepoint drops what the row wrote.
 */
export async function answerRefusals(write: () => Promise<LineOutcome>): Promise<LineOutcome> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof RowRefusal) return { result: 'refused', reason: error.message };
    if (error instanceof DomainError) {
      const fields = Object.values(error.fields ?? {});
      const generic = error.message === 'Проверьте заполнение полей' && fields.length > 0;
      return { result: 'refused', reason: generic ? fields.join('; ') : error.message };
    }
    throw error;
  }
}
