import React, { useEffect, useState } from 'react';
import {
  Box,
  H2,
  MessageBox,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Text,
} from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

import { formatCount } from '../../common/ru-format.js';

interface ExportJobView {
  id: number;
  list: string;
  format: string;
  fileName: string;
  status: string;
  statusLabel: string;
  rowsWritten: number;
  totalRows: number | null;
  createdAt: string;
  expiresAt: string | null;
  downloadUrl: string | null;
}

const api = new ApiClient();
/** How often the page looks again while an export is being written. */
const REFRESH_MS = 2000;

/** «1 200 из 250 000 (0 %)» while a job runs; the rows written once it is done. */
function rowsText(job: ExportJobView): string {
  if (job.status === 'running' && job.totalRows) {
    const percent = Math.floor((job.rowsWritten / job.totalRows) * 100);
    return `${formatCount(job.rowsWritten)} из ${formatCount(job.totalRows)} (${percent} %)`;
  }
  if (job.status === 'queued') return '—';
  return formatCount(job.rowsWritten);
}

/**
 * «Мои выгрузки»: the user's large exports (those above EXPORT_STREAM_MAX_ROWS rows are written in
 * the background) with their progress, and «Скачать» while the file is kept.
 */
const ExportsPage: React.FC = () => {
  const [jobs, setJobs] = useState<ExportJobView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api
      .getPage({ pageName: 'exports' })
      .then((response) => {
        if (cancelled) return;
        setJobs((response.data as { jobs: ExportJobView[] }).jobs);
        setError(null);
      })
      .catch(() => {
        if (!cancelled) setError('Список выгрузок не загрузился — повторите через несколько секунд.');
      });
    return () => {
      cancelled = true;
    };
  }, [tick]);

  const unfinished = jobs?.some((job) => job.status === 'queued' || job.status === 'running');
  useEffect(() => {
    if (!unfinished) return undefined;
    const timer = window.setTimeout(() => setTick((value) => value + 1), REFRESH_MS);
    return () => window.clearTimeout(timer);
  }, [unfinished, jobs]);

  return (
    <Box variant="grey">
      <Box variant="white" p="xl" data-testid="exports-page">
        <H2>Мои выгрузки</H2>
        <Text mb="lg" color="grey60">
          Большие выгрузки списков готовятся в фоне: когда файл будет готов, его можно скачать здесь. Готовый
          файл хранится ограниченное время.
        </Text>
        {error && <MessageBox mb="lg" variant="danger" message={error} />}
        {jobs && jobs.length === 0 && <Text data-testid="exports-nothing">Выгрузок пока нет</Text>}
        {jobs && jobs.length > 0 && (
          <Box style={{ overflowX: 'auto' }}>
            <Table>
              <TableHead>
                <TableRow>
                  <TableCell>Файл</TableCell>
                  <TableCell>Состояние</TableCell>
                  <TableCell>Строк</TableCell>
                  <TableCell>Заказана</TableCell>
                  <TableCell>Хранится до</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {jobs.map((job) => (
                  <TableRow key={job.id} data-testid={`export-job-${job.id}`} data-status={job.status}>
                    <TableCell>{job.fileName}</TableCell>
                    <TableCell>{job.statusLabel}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{rowsText(job)}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{job.createdAt}</TableCell>
                    <TableCell style={{ whiteSpace: 'nowrap' }}>{job.expiresAt ?? '—'}</TableCell>
                    <TableCell>
                      {job.downloadUrl ? (
                        <a href={job.downloadUrl} data-testid={`export-download-${job.id}`}>
                          Скачать
                        </a>
                      ) : null}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </Box>
    </Box>
  );
};

export default ExportsPage;
