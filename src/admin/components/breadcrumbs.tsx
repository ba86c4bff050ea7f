import React from 'react';
import { Box, cssClass } from '@adminjs/design-system';
import { BreadcrumbLink, useTranslation, ViewHelpers, type BreadcrumbProps } from 'adminjs';

import { recordHeading } from './record-heading.js';

const h = new ViewHelpers();

/**
 * Replaces AdminJS's Breadcrumbs: «Главная / Клиенты / ИП «АвтоДеталь»» on a record's page, and the
 * action after the record on its other pages («… / Изменить») — never «Просмотр».
 */
const Breadcrumbs: React.FC<BreadcrumbProps> = ({ resource, record, actionName }) => {
  const { tl, ta } = useTranslation();
  const action = resource.actions.find((candidate) => candidate.name === actionName);
  const listed = resource.resourceActions.some(({ name }) => name === 'list');
  return (
    <Box
      flexGrow={1}
      className={cssClass('Breadcrumbs')}
      data-css={`${resource.id}-${actionName}-breadcrumbs`}
    >
      <BreadcrumbLink to={h.dashboardUrl()}>{tl('dashboard')}</BreadcrumbLink>
      <BreadcrumbLink to={listed && resource.href ? resource.href : '#'}>
        {tl(resource.name, resource.id)}
      </BreadcrumbLink>
      {record && (
        <BreadcrumbLink
          to={h.recordActionUrl({ resourceId: resource.id, recordId: record.id, actionName: 'show' })}
        >
          {recordHeading(resource.id, record)}
        </BreadcrumbLink>
      )}
      {action && action.name !== 'list' && action.name !== 'show' && (
        <BreadcrumbLink to="#">{ta(action.label, resource.id)}</BreadcrumbLink>
      )}
    </Box>
  );
};

export default Breadcrumbs;
