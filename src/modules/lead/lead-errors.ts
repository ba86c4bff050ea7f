import { DomainError } from '../../common/domain-error.js';

/** The lead module's refusals that more than one place throws, each with its stable code. */

export function leadNotFound(): DomainError {
  return new DomainError('lead.not_found', 'Лид не найден', { status: 404 });
}

/** The user saw another version of the lead: someone else changed it meanwhile. */
export function leadChangedMeanwhile(): DomainError {
  return new DomainError(
    'lead.version_conflict',
    'Лид уже изменил другой пользователь. Обновите страницу, проверьте его состояние и повторите действие.',
    { status: 409 },
  );
}
