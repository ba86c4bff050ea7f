import React from 'react';
import { Box, H4, Text } from '@adminjs/design-system';

import { formatCount, formatCountOf, formatRate } from '../../common/ru-format.js';
import type {
  DuplicateLink,
  ImportReport,
  ReportedLine,
  UndoReport,
} from '../../modules/import/import-run-contract.js';
import { recordUrl } from './import-client.js';

const NEW = ['новая', 'новых', 'новых'] as const;
const UPDATED = ['дополнена', 'дополнены', 'дополнено'] as const;
const DUPLICATES = ['дубль', 'дубля', 'дублей'] as const;
const ERRORS = ['ошибка', 'ошибки', 'ошибок'] as const;
const RECORDS = ['запись', 'записи', 'записей'] as const;

const Links: React.FC<{ links: DuplicateLink[] }> = ({ links }) => (
  <>
    {links.map((link, index) => (
      <React.Fragment key={`${link.entity}-${link.id}-${index}`}>
        {index > 0 ? ', ' : ' — '}
        <a href={recordUrl(link.entity, link.id)} target="_blank" rel="noreferrer">
          №{link.id} «{link.name}»
        </a>{' '}
        <span className="crm-import__muted">— {link.why}</span>
      </React.Fragment>
    ))}
  </>
);

const Lines: React.FC<{ lines: ReportedLine[]; total: number; testId: string }> = ({
  lines,
  total,
  testId,
}) => (
  <ul className="crm-import__lines" data-testid={testId}>
    {lines.map((line) => (
      <li key={`${line.line}-${line.text}`}>
        <strong>строка {formatCount(line.line)}:</strong>{' '}
        {/* The text names the duplicates too («Пропущена как дубль: №12 …»): with links, its first words only. */}
        {line.duplicates.length > 0 ? line.text.split(':')[0] : line.text}
        <Links links={line.duplicates} />
      </li>
    ))}
    {total > lines.length && (
      <li className="crm-import__muted">
        и ещё {formatCountOf(total - lines.length, ['строка', 'строки', 'строк'])}
      </li>
    )}
  </ul>
);

/** «1 187 новых, 38 дублей, 15 ошибок». */
export function reportSummary(report: ImportReport): string {
  const parts = [formatCountOf(report.created, NEW)];
  if (report.updated) parts.push(formatCountOf(report.updated, UPDATED));
  parts.push(
    formatCountOf(report.skipped + report.updated, DUPLICATES),
    formatCountOf(report.refused, ERRORS),
  );
  return parts.join(', ');
}

/** «N новых, M дублей (со ссылками на записи), K ошибок (строка 88: …)». */
export const ImportReportView: React.FC<{ title: string; report: ImportReport; testId: string }> = ({
  title,
  report,
  testId,
}) => {
  const duplicates = report.skipped + report.updated;
  return (
    <Box mt="lg" data-testid={testId}>
      <H4>{title}</H4>
      <Text data-testid={`${testId}-summary`}>{reportSummary(report)}</Text>
      {report.duplicates.length > 0 && (
        <Box mt="default">
          <Text fontWeight="bold">Дубли</Text>
          <Lines lines={report.duplicates} total={duplicates} testId={`${testId}-duplicates`} />
        </Box>
      )}
      {report.errors.length > 0 && (
        <Box mt="default">
          <Text fontWeight="bold">Ошибки</Text>
          <Lines lines={report.errors} total={report.refused} testId={`${testId}-errors`} />
        </Box>
      )}
    </Box>
  );
};

/** The progress bar of a running check or import: «1 200 из 5 000 строк (24 %)». */
export const ImportProgress: React.FC<{ done: number; total: number; label: string }> = ({
  done,
  total,
  label,
}) => {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <Box mt="lg">
      <div
        className="crm-import__progress"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        data-testid="import-progress"
      >
        <div className="crm-import__progress-bar" style={{ width: `${share * 100}%` }} />
      </div>
      <Text mt="sm" color="grey60">
        {label}: {formatCount(done)} из {formatCountOf(total, ['строки', 'строк', 'строк'])} (
        {formatRate(done, total)})
      </Text>
    </Box>
  );
};

/** What «Отменить импорт» did: removed, and kept with why (each a link to the record). */
export const UndoReportView: React.FC<{ report: UndoReport }> = ({ report }) => (
  <Box mt="lg" data-testid="import-undo-report">
    <H4>Импорт отменён</H4>
    <Text>Удалено: {formatCountOf(report.removed, RECORDS)}.</Text>
    {report.kept.length > 0 && (
      <>
        <Text mt="default">
          Оставлено: {formatCountOf(report.kept.length, RECORDS)} — они изменены после импорта:
        </Text>
        <ul className="crm-import__lines">
          {report.kept.map((record) => (
            <li key={`${record.entity}-${record.id}`}>
              <a href={recordUrl(record.entity, record.id)} target="_blank" rel="noreferrer">
                №{record.id} «{record.name}»
              </a>{' '}
              <span className="crm-import__muted">— {record.why}</span>
            </li>
          ))}
        </ul>
      </>
    )}
  </Box>
);
