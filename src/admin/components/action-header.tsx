import React from 'react';
import { Badge, Box, ButtonGroup, H2, H3, Text, type ButtonInGroupProps } from '@adminjs/design-system';
import {
  actionHref,
  Breadcrumbs,
  buildActionCallApiTrigger,
  useActionResponseHandler,
  useFilterDrawer,
  useModal,
  useTranslation,
  type ActionHeaderProps,
  type ActionJSON,
} from 'adminjs';
import { useLocation, useNavigate } from 'react-router';

import { pageHeading, type HeadedRecord } from './record-heading.js';

/**
 * The header of every back-office page (AdminJS's ActionHeader overridden): headed by what the
 * page shows (record-heading.ts) instead of «Список»/«Просмотр», and laid out for a laptop — the
 * heading and the action buttons share a row while they fit and wrap onto the next one when not,
 * so no button lies beyond the screen's edge and nothing overlaps the heading.
 */
/** The list's query as the export reads it: its filters and sort, not its page. */
function exportButtons(resourceId: string, search: string): ButtonInGroupProps[] {
  const query = new URLSearchParams(search);
  query.delete('page');
  query.delete('perPage');
  const root =
    (window as unknown as { REDUX_STATE?: { paths?: { rootPath?: string } } }).REDUX_STATE?.paths?.rootPath ??
    '/admin';
  const href = (format: string) => {
    const asked = new URLSearchParams(query);
    asked.set('format', format);
    return `${root}/export/${encodeURIComponent(resourceId)}?${asked.toString()}`;
  };
  return [
    { icon: 'Download', label: 'Экспорт в Excel', href: href('xlsx'), 'data-testid': 'export-xlsx' },
    { icon: 'FileText', label: 'Экспорт в CSV', href: href('csv'), 'data-testid': 'export-csv' },
  ] as ButtonInGroupProps[];
}

const ActionHeader: React.FC<ActionHeaderProps> = (props) => {
  const { resource, record, action, tag, omitActions, actionPerformed, toggleFilter: filterVisible } = props;
  const translations = useTranslation();
  const { translateAction, translateButton, translateLabel } = translations;
  const navigate = useNavigate();
  const location = useLocation();
  const modal = useModal();
  const onResponse = useActionResponseHandler(actionPerformed);
  const { toggleFilter, filtersCount } = useFilterDrawer();

  if (action.hideActionHeader) return null;
  const resourceId = resource.id;
  const params = { resourceId, recordId: record?.id };

  const click = (target: ActionJSON) => (event: React.MouseEvent<HTMLElement>) => {
    event.preventDefault();
    event.stopPropagation();
    if (target.component === false) {
      const call = buildActionCallApiTrigger({ params, action: target, actionResponseHandler: onResponse });
      if (!target.guard) return call();
      return modal.openModal({
        modalProps: { variant: 'danger', label: 'confirm', title: target.guard, subTitle: '' },
        type: 'confirm',
        resourceId,
        confirmAction: call,
      });
    }
    // On the client's card an event is added in the timeline, without leaving it: the header's
    // «Добавить событие» takes the manager there.
    const inline =
      action.name === 'show' && target.name === 'addHistoryEvent'
        ? document.querySelector<HTMLElement>('[data-testid="timeline-new-event"]')
        : null;
    if (inline) {
      inline.scrollIntoView({ block: 'center' });
      inline.querySelector<HTMLElement>('input, textarea')?.focus();
      return undefined;
    }
    const href = actionHref(target, params);
    if (!href) return undefined;
    const url = new URL(href, window.location.origin);
    // An action opened in a drawer keeps the list's filters and page under it.
    const search = new URLSearchParams(target.showInDrawer ? location.search : '');
    new URLSearchParams(url.search).forEach((value, key) => search.set(key, value));
    return navigate({ pathname: url.pathname, search: search.toString() });
  };

  const button = (target: ActionJSON): ButtonInGroupProps => {
    const href = actionHref(target, params);
    return {
      icon: target.icon,
      label: translateAction(target.label, resourceId),
      variant: target.variant,
      href: href || undefined,
      onClick: href ? click(target) : undefined,
      'data-testid': `action-${target.name}`,
      'data-css': `${target.resourceId}-${target.name}-button`,
    } as ButtonInGroupProps;
  };

  const actions = record
    ? record.recordActions.filter((candidate) => candidate.name !== action.name)
    : resource.resourceActions.filter(
        (candidate) => candidate.name === 'new' && candidate.name !== action.name,
      );
  const buttons = actions.map(button);
  // «Экспорт в Excel» and «Экспорт в CSV» (the `export` action, offered to whoever may open the list): links to
  // /admin/export/<resource> with the list's filters and sort (list-export.ts).
  if (
    !record &&
    action.name === 'list' &&
    resource.resourceActions.some((candidate) => candidate.name === 'export')
  ) {
    buttons.push(...exportButtons(resourceId, location.search));
  }
  if (filterVisible) {
    buttons.push({
      label: translateButton(filtersCount > 0 ? 'filterActive' : 'filter', resourceId, {
        count: filtersCount,
      }),
      icon: 'Filter',
      onClick: toggleFilter,
    });
  }
  const resourceButtons = action.showResourceActions
    ? resource.resourceActions
        .filter((candidate) => !['list', 'new', 'export'].includes(candidate.name))
        .map(button)
    : [];

  const heading = pageHeading(
    { id: resourceId, name: translateLabel(resource.name, resourceId) },
    { name: action.name, label: translateAction(action.label, resourceId) },
    record as HeadedRecord | undefined,
  );
  const Heading = action.showInDrawer ? H3 : H2;

  return (
    <Box className="crm-action-header" data-css={`${resourceId}-${action.name}-action-header`}>
      {!action.showInDrawer && (
        <Box className="crm-action-header__crumbs">
          <Breadcrumbs resource={resource} actionName={action.name} record={record} />
          {resourceButtons.length > 0 && <ButtonGroup size="sm" rounded buttons={resourceButtons} />}
        </Box>
      )}
      <Box className="crm-action-header__row">
        <Box className="crm-action-header__title">
          <Heading mb="sm">
            {heading.title}
            {tag ? (
              <Badge variant="default" outline ml="default">
                {tag}
              </Badge>
            ) : null}
          </Heading>
          {heading.subtitle && <Text className="crm-action-header__subtitle">{heading.subtitle}</Text>}
        </Box>
        {!omitActions && buttons.length > 0 && (
          <Box className="crm-action-header__actions">
            {/* Small buttons: a client's six actions take one row beside the heading on a laptop. */}
            <ButtonGroup size="sm" buttons={buttons} />
          </Box>
        )}
      </Box>
    </Box>
  );
};

export default ActionHeader;
