import { DomainError } from '../../common/domain-error.js';
import type { ImportJobStatus } from './import-run-contract.js';

export const importJobStatusLabels: Record<ImportJobStatus, string> = {
  uploaded: 'Загружен',
  checking: 'Проверяется',
  checked: 'Проверен',
  queued: 'В очереди',
  running: 'Импортируется',
  done: 'Готово',
  failed: 'Не удалось',
  cancelled: 'Остановлен',
  undone: 'Отменён',
};

/** What a user does to an import job; each is allowed from the statuses of IMPORT_STEPS. */
export type ImportStep = 'configure' | 'check' | 'start' | 'cancel' | 'undo';

/**
 * The one table of allowed steps (the service, the view's `can` and the screen read it). Settings
 * change only before the import starts; a failed import may be started again (it continues after
 * the last line its ledger holds); only a running or waiting import stops; «Отменить импорт»
 * needs one that ended by itself or was stopped.
 */
export const IMPORT_STEPS: Record<ImportStep, { from: readonly ImportJobStatus[]; refusal: string }> = {
  configure: {
    from: ['uploaded', 'checked'],
    refusal: 'Настройки импорта можно менять только до его начала',
  },
  check: {
    from: ['uploaded', 'checked'],
    refusal: 'Проверить файл можно только до начала импорта',
  },
  start: {
    from: ['uploaded', 'checked', 'failed'],
    refusal: 'Этот импорт уже запущен или закончен',
  },
  cancel: {
    from: ['queued', 'running'],
    refusal: 'Остановить можно только импорт, который ждёт очереди или идёт',
  },
  undo: {
    from: ['done', 'cancelled'],
    refusal: 'Отменить можно только законченный или остановленный импорт',
  },
};

export function mayStep(step: ImportStep, status: ImportJobStatus): boolean {
  return IMPORT_STEPS[step].from.includes(status);
}

/** Refuses (409, nothing changed) a step the job's status does not allow, naming the status. */
export function assertStep(step: ImportStep, status: ImportJobStatus): void {
  if (mayStep(step, status)) return;
  throw new DomainError(
    'import.wrong_status',
    `${IMPORT_STEPS[step].refusal}: сейчас он в состоянии «${importJobStatusLabels[status]}».`,
    { status: 409, details: { status } },
  );
}
