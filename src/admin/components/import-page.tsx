import React, { useCallback, useEffect, useRef, useState } from 'react';
import { Box, Button, H2, H4, MessageBox, Text } from '@adminjs/design-system';

import { formatCountOf, formatDateTime } from '../../common/ru-format.js';
import { importLimits, megabytes } from '../../modules/import/import-limits.js';
import { importClient, isBusy, type ImportJobView, type ImportSettings } from './import-client.js';
import { ImportProgress, ImportReportView, reportSummary, UndoReportView } from './import-report.js';
import { ImportSettingsForm } from './import-settings.js';

/** How often the page looks at a job a worker is busy with. */
const POLL_MS = 1000;
const ROWS = ['строка', 'строки', 'строк'] as const;
/** Before «Импортировать»: «Проверить» and «Импортировать» are shown (disabled while not allowed). */
const BEFORE_START = new Set<ImportJobView['status']>(['uploaded', 'checking', 'checked']);

const jobInAddress = (): number | null => {
  const id = Number(new URLSearchParams(window.location.search).get('job'));
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

/** The address carries the open job (?job=12), so a reload or a link comes back to it. */
function showJobInAddress(id: number | null): void {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set('job', String(id));
  else url.searchParams.delete('job');
  window.history.replaceState(window.history.state, '', url);
}

/**
 * «Импорт»: one screen from the file to the imported records — upload, what was detected, what the
 * file holds and which field each column fills, the values of stages and responsibles, duplicates,
 * «Проверить» (a dry run), «Импортировать» with its progress, then «Скачать ошибки» and «Отменить
 * импорт». Every rule is ImportService's; this page shows its ImportJobView and sends the choices.
 */
const ImportPage: React.FC = () => {
  const [jobId, setJobId] = useState<number | null>(jobInAddress);
  const [job, setJob] = useState<ImportJobView | null>(null);
  const [jobs, setJobs] = useState<ImportJobView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The list refused (a committee member): the page says why and offers nothing. */
  const [refused, setRefused] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmUndo, setConfirmUndo] = useState(false);
  const changes = useRef(0);

  const refreshList = useCallback(() => {
    importClient
      .list()
      .then(setJobs)
      .catch((failure: Error) => setRefused(failure.message));
  }, []);
  useEffect(refreshList, [refreshList]);

  useEffect(() => {
    showJobInAddress(jobId);
    if (!jobId) {
      setJob(null);
      return undefined;
    }
    let cancelled = false;
    importClient
      .view(jobId)
      .then((view) => !cancelled && setJob(view))
      .catch((failure: Error) => !cancelled && setError(failure.message));
    return () => {
      cancelled = true;
    };
  }, [jobId]);

  // While a worker checks or imports, the page looks again; the list too once it ends.
  const working = job !== null && isBusy(job);
  useEffect(() => {
    if (!job || !working) return undefined;
    const timer = window.setTimeout(() => {
      importClient
        .view(job.id)
        .then((view) => {
          setJob(view);
          if (!isBusy(view)) refreshList();
        })
        .catch((failure: Error) => setError(failure.message));
    }, POLL_MS);
    return () => window.clearTimeout(timer);
  }, [job, working, refreshList]);

  const run = (action: () => Promise<ImportJobView>) => {
    setBusy(true);
    setError(null);
    action()
      .then((view) => {
        setJob(view);
        setJobId(view.id);
        refreshList();
      })
      .catch((failure: Error) => setError(failure.message))
      .finally(() => setBusy(false));
  };
  const configure = (settings: ImportSettings) => {
    if (!job) return;
    const change = ++changes.current;
    setError(null);
    importClient
      .configure(job.id, settings)
      .then((view) => change === changes.current && setJob(view))
      .catch((failure: Error) => setError(failure.message));
  };
  const upload = (file: File | undefined) => file && run(() => importClient.upload(file));

  if (refused && !job) {
    return (
      <Box variant="grey" className="crm-import" data-testid="import-page">
        <Box variant="white" p="xl">
          <H2>Импорт данных</H2>
          <MessageBox variant="danger" message={refused} />
        </Box>
      </Box>
    );
  }

  return (
    <Box variant="grey" className="crm-import" data-testid="import-page">
      <Box variant="white" p="xl">
        <div className="crm-import__heading">
          <H2>{job ? `Импорт «${job.fileName}»` : 'Импорт данных'}</H2>
          {job && (
            <Button size="sm" variant="text" onClick={() => setJobId(null)}>
              Новый импорт
            </Button>
          )}
        </div>
        {error && <MessageBox mb="lg" variant="danger" message={error} onCloseClick={() => setError(null)} />}
        {!jobId && <UploadForm disabled={busy} onFile={upload} />}
        {job && (
          <>
            <Text data-testid="import-detected">
              {job.detectedText}; {formatCountOf(job.totalRows, ROWS)} данных. Состояние:{' '}
              <strong data-testid="import-status" data-status={job.status}>
                {job.statusLabel}
              </strong>
            </Text>
            {job.failure && <MessageBox mt="default" variant="danger" message={job.failure} />}
            <details
              key={String(job.can.configure)}
              className="crm-import__details"
              open={job.can.configure}
              data-testid="import-settings"
            >
              <summary>Что импортируется и куда: столбцы, значения, дубли</summary>
              <ImportSettingsForm job={job} onChange={configure} onError={setError} />
            </details>
            <div className="crm-import__bar">
              <Steps
                job={job}
                busy={busy}
                run={run}
                confirmUndo={confirmUndo}
                setConfirmUndo={setConfirmUndo}
              />
              {(job.result ?? job.check) && (
                <Text mt="default" data-testid="import-summary">
                  {job.result ? 'Импорт' : 'Проверка'}: {reportSummary((job.result ?? job.check)!)}
                </Text>
              )}
              {(working || (job.result && job.progress.total > 0)) && (
                <ImportProgress
                  done={job.progress.done}
                  total={job.progress.total}
                  label={job.status === 'checking' ? 'Проверено' : working ? 'Импортировано' : 'Обработано'}
                />
              )}
            </div>
            {job.undo && <UndoReportView report={job.undo} />}
            {job.check && !job.result && (
              <ImportReportView
                title="Проверка: что будет импортировано"
                report={job.check}
                testId="import-check"
              />
            )}
            {job.result && (
              <ImportReportView title="Итог импорта" report={job.result} testId="import-result" />
            )}
          </>
        )}
      </Box>
      <RecentImports jobs={jobs} current={jobId} onOpen={setJobId} />
    </Box>
  );
};

const UploadForm: React.FC<{ disabled: boolean; onFile: (file: File | undefined) => void }> = ({
  disabled,
  onFile,
}) => (
  <Box>
    <Text mb="default" color="grey60">
      Выгрузка лидов, компаний, контактов или сделок из Битрикс24 либо своя таблица: CSV или Excel (XLSX).
      Ничего не запишется, пока вы не нажмёте «Импортировать».
    </Text>
    <label className="crm-import__upload">
      <input
        type="file"
        name="file"
        className="crm-import__file"
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={disabled}
        data-testid="import-file"
        onChange={(event) => onFile(event.target.files?.[0])}
      />
      <span className="crm-import__link-button">Выбрать файл…</span>
      <span className="crm-import__muted">CSV или XLSX, до {megabytes(importLimits.fileBytes)}</span>
    </label>
    {disabled && <Text mt="default">Файл загружается и читается…</Text>}
  </Box>
);

const Steps: React.FC<{
  job: ImportJobView;
  busy: boolean;
  run: (action: () => Promise<ImportJobView>) => void;
  confirmUndo: boolean;
  setConfirmUndo: (value: boolean) => void;
}> = ({ job, busy, run, confirmUndo, setConfirmUndo }) => (
  <Box className="crm-import__steps">
    {(job.can.check || job.can.start || BEFORE_START.has(job.status)) && (
      <>
        <Button
          variant="outlined"
          disabled={busy || !job.can.check}
          onClick={() => run(() => importClient.step(job.id, 'check'))}
        >
          Проверить
        </Button>
        <Button
          variant="contained"
          disabled={busy || !job.can.start}
          onClick={() => run(() => importClient.step(job.id, 'start'))}
        >
          Импортировать
        </Button>
      </>
    )}
    {job.can.cancel && (
      <Button
        variant="outlined"
        disabled={busy}
        onClick={() => run(() => importClient.step(job.id, 'cancel'))}
      >
        Остановить
      </Button>
    )}
    {job.can.errors && (
      <a
        className="crm-import__link-button"
        href={importClient.errorsUrl(job.id)}
        data-testid="import-errors"
      >
        Скачать ошибки
      </a>
    )}
    {job.can.undo && !confirmUndo && (
      <Button variant="danger" disabled={busy} onClick={() => setConfirmUndo(true)}>
        Отменить импорт
      </Button>
    )}
    {job.can.undo && confirmUndo && (
      <span className="crm-import__confirm">
        Удалить записи, созданные этим импортом?{' '}
        <Button
          variant="danger"
          size="sm"
          disabled={busy}
          onClick={() => {
            setConfirmUndo(false);
            run(() => importClient.step(job.id, 'undo'));
          }}
        >
          Да, отменить импорт
        </Button>{' '}
        <Button variant="text" size="sm" onClick={() => setConfirmUndo(false)}>
          Нет
        </Button>
      </span>
    )}
  </Box>
);

const RecentImports: React.FC<{
  jobs: ImportJobView[] | null;
  current: number | null;
  onOpen: (id: number) => void;
}> = ({ jobs, current, onOpen }) => {
  if (!jobs || jobs.length === 0) return null;
  return (
    <Box variant="white" p="xl" mt="lg" data-testid="import-recent">
      <H4>Последние импорты</H4>
      <div className="crm-import__scroll crm-import__scroll--short">
        <table className="crm-import__table">
          <thead>
            <tr>
              <th>Файл</th>
              <th>Состояние</th>
              <th className="crm-import__number">Строк</th>
              <th>Загружен</th>
            </tr>
          </thead>
          <tbody>
            {jobs.map((item) => (
              <tr key={item.id} className={item.id === current ? 'crm-import__current' : undefined}>
                <td className="crm-import__header">
                  <a
                    href={`?job=${item.id}`}
                    onClick={(event) => {
                      event.preventDefault();
                      onOpen(item.id);
                    }}
                  >
                    {item.fileName}
                  </a>
                </td>
                <td>{item.statusLabel}</td>
                <td className="crm-import__number">{formatCountOf(item.totalRows, ROWS)}</td>
                <td className="crm-import__nowrap">{formatDateTime(item.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Box>
  );
};

export default ImportPage;
