import React from 'react';
import { Box, H4, Text } from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';

import { formatDate, formatDateTime } from '../../common/ru-format.js';
import { readCard, type ClientCardView } from './client-card.js';
import { loadRecordAction } from './post-action.js';
import TimelineNewEvent from './timeline-new-event.js';

/**
 * The client card's timeline, newest first: history events with their files, status changes,
 * deals with their summaries and the leads the card came from — with «Добавить событие» at its
 * top: the event is saved by the card's `addHistoryEvent` action (HistoryService.create) and
 * appears here at once, without leaving the card.
 */
const dealStatus: Record<string, string> = {
  draft: 'черновик',
  signed: 'подписана',
  closed: 'завершена',
  cancelled: 'отменена',
};
const place = (stage: string | null, item: string | null) =>
  stage ? (item ? `${stage} — ${item}` : stage) : '—';
/** A day's entries (events, deals: a date, no time) above the changes made during that day. */
const endOfDay = (date: string) => `${date}T24`;
const fileUrl = (key: string) => `/admin/files/${key.split('/').map(encodeURIComponent).join('/')}`;

interface Entry {
  key: string;
  /** What orders the timeline: a date (YYYY-MM-DD) or a moment (ISO). */
  sortKey: string;
  when: string;
  kind: string;
  testId: string;
  body: React.ReactNode;
}

/** Everything the card knows of the client's past as one list, newest first. */
export function timelineOf(card: ClientCardView): Entry[] {
  const entries: Entry[] = [];
  for (const event of card.history) {
    entries.push({
      key: `event-${event.id}`,
      sortKey: endOfDay(event.eventDate),
      when: formatDate(event.eventDate),
      kind: event.type,
      testId: 'timeline-event',
      body: (
        <>
          {event.comment && <Text style={{ whiteSpace: 'pre-wrap' }}>{event.comment}</Text>}
          <Text className="crm-timeline__meta">
            {event.user ?? (event.automatic ? 'Система' : '—')}
            {event.fileKeys.map((key, index) => (
              <React.Fragment key={key}>
                {' · '}
                <a href={fileUrl(key)}>{event.fileNames[index]}</a>
              </React.Fragment>
            ))}
            {' · '}
            <a href={`/admin/resources/HistoryEvent/records/${event.id}/edit`}>Добавить файлы</a>
          </Text>
        </>
      ),
    });
  }
  card.timeline.forEach((change, index) => {
    const at = typeof change.at === 'string' ? change.at : change.at.toISOString();
    entries.push({
      key: `status-${index}`,
      sortKey: at,
      when: formatDateTime(at),
      kind: 'Статус',
      testId: 'timeline-status',
      body: (
        <>
          <Text>
            {place(change.fromStage, change.fromItem)} → {place(change.toStage, change.toItem)}
          </Text>
          {change.remark && <Text style={{ whiteSpace: 'pre-wrap' }}>{change.remark}</Text>}
          <Text className="crm-timeline__meta">{change.user ?? 'Система'}</Text>
        </>
      ),
    });
  });
  for (const deal of card.deals ?? []) {
    entries.push({
      key: `deal-${deal.id}`,
      sortKey: endOfDay(deal.dealDate),
      when: formatDate(deal.dealDate),
      kind: 'Сделка',
      testId: 'timeline-deal',
      body: (
        <>
          <Text>
            <a href={`/admin/resources/Deal/records/${deal.id}/show`}>
              Сделка №{deal.id} ({deal.kind === 'loi' ? 'LOI' : 'Договор'},{' '}
              {dealStatus[deal.status] ?? deal.status})
            </a>
          </Text>
          {deal.summary.lines.map((line, index) => (
            <Text key={index}>{line}</Text>
          ))}
          <Text>
            <b>{deal.summary.total}</b>
          </Text>
        </>
      ),
    });
  }
  for (const lead of card.leads) {
    const at = typeof lead.createdAt === 'string' ? lead.createdAt : lead.createdAt.toISOString();
    entries.push({
      key: `lead-${lead.id}`,
      sortKey: at,
      when: formatDateTime(at),
      kind: 'Лид',
      testId: 'timeline-lead',
      body: (
        <Text>
          <a href={`/admin/resources/Lead/records/${lead.id}/show`}>
            Лид №{lead.id}
            {lead.company || lead.name ? ` — ${[lead.company, lead.name].filter(Boolean).join(', ')}` : ''}
          </a>
        </Text>
      ),
    });
  }
  return entries.sort((a, b) => b.sortKey.localeCompare(a.sortKey));
}

const ClientTimeline: React.FC<ShowPropertyProps> = ({ record }) => {
  const [card, setCard] = React.useState(() => readCard(record));
  React.useEffect(() => setCard(readCard(record)), [record]);
  if (!card || !record) return null;
  const mayAdd = record.recordActions.some((action) => action.name === 'addHistoryEvent');
  const reload = async () => {
    const data = await loadRecordAction<{ record?: typeof record }>('Client', String(record.id), 'show');
    if (data.record) setCard(readCard(data.record));
  };
  const entries = timelineOf(card);
  return (
    <Box mb="xl" className="crm-timeline" data-testid="client-timeline">
      <H4>История</H4>
      {mayAdd && <TimelineNewEvent clientId={String(record.id)} onSaved={reload} />}
      {entries.length === 0 ? (
        <Text>Событий пока нет</Text>
      ) : (
        <ol className="crm-timeline__list">
          {entries.map((entry) => (
            <li key={entry.key} className="crm-timeline__entry" data-testid={entry.testId}>
              <div className="crm-timeline__when">
                {entry.when}
                <span className="crm-timeline__kind">{entry.kind}</span>
              </div>
              <div className="crm-timeline__body">{entry.body}</div>
            </li>
          ))}
        </ol>
      )}
    </Box>
  );
};

export default ClientTimeline;
