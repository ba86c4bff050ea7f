import React from 'react';
import { Link } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';

/** «Скачать PDF» for an archived report (served by /admin/reports/:id/pdf to those who may read it). */
const ReportDownload: React.FC<BasePropertyProps> = ({ record }) => {
  if (!record?.params.generatedAt) return <span>Формируется…</span>;
  const root = (window as unknown as { REDUX_STATE?: { paths?: { rootPath?: string } } }).REDUX_STATE?.paths
    ?.rootPath;
  return (
    <Link
      href={`${root ?? '/admin'}/reports/${record.id}/pdf`}
      onClick={(event: React.MouseEvent) => event.stopPropagation()}
      style={{ whiteSpace: 'nowrap' }}
    >
      Скачать PDF
    </Link>
  );
};

export default ReportDownload;
