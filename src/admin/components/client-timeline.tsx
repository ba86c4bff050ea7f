import React from 'react';
import {
  Box,
  Button,
  CheckBox,
  H4,
  Label,
  MessageBox,
  Select,
  Text,
  TextArea,
} from '@adminjs/design-system';
import type { ShowPropertyProps } from 'adminjs';

import { formatDate, formatDateTime, moscowToday } from '../../common/ru-format.js';
import { readCard, type ClientCardView } from './client-card.js';
import { loadRecordAction, postRecordAction } from './post-action.js';
import { RussianDatePicker } from './russian-date-picker.js';

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

/** «Добавить событие» inside the timeline: on success the card is read again and the event shows. */
const NewEvent: React.FC<{ clientId: string; onSaved: () => Promise<void> }> = ({ clientId, onSaved }) => {
  const [types, setTypes] = React.useState<{ id: number; name: string }[]>([]);
  const [typeId, setTypeId] = React.useState('');
  const [comment, setComment] = React.useState('');
  const [eventDate, setEventDate] = React.useState(moscowToday());
  const [planned, setPlanned] = React.useState(false);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [message, setMessage] = React.useState<string | null>(null);
  const [sending, setSending] = React.useState(false);

  React.useEffect(() => {
    loadRecordAction<{ eventTypes?: { id: number; name: string }[] }>('Client', clientId, 'addHistoryEvent')
      .then((data) => setTypes(data.eventTypes ?? []))
      .catch(() => setMessage('Не удалось загрузить типы событий. Обновите страницу.'));
  }, [clientId]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const result = await postRecordAction(
      'Client',
      clientId,
      'addHistoryEvent',
      { typeId, comment, eventDate, planned: planned ? 'true' : 'false' },
      { stay: true },
    );
    if (result.done) {
      setComment('');
      setPlanned(false);
      setEventDate(moscowToday());
      setErrors({});
      setMessage(null);
      await onSaved();
    } else {
      setErrors(result.fieldErrors);
      setMessage(result.message);
    }
    setSending(false);
  };

  const options = types.map((type) => ({ value: String(type.id), label: type.name }));
  return (
    <Box as="form" onSubmit={send} className="crm-timeline__form" data-testid="timeline-new-event">
      {message && <MessageBox message={message} variant="danger" mb="default" />}
      <div className="crm-timeline__form-row">
        <div className="crm-timeline__form-type">
          <Label required htmlFor="timeline-event-type">
            Тип события
          </Label>
          <Select
            inputId="timeline-event-type"
            options={options}
            value={options.filter((option) => option.value === typeId)}
            onChange={(selected: { value: string } | null) => setTypeId(selected?.value ?? '')}
          />
          {errors.typeId && <Text color="error">{errors.typeId}</Text>}
        </div>
        <div>
          <Label required>Дата события</Label>
          <RussianDatePicker kind="date" value={eventDate} onChange={(value) => setEventDate(value ?? '')} />
          {errors.eventDate && <Text color="error">{errors.eventDate}</Text>}
        </div>
      </div>
      <Label required htmlFor="timeline-event-comment">
        Комментарий
      </Label>
      <TextArea
        id="timeline-event-comment"
        rows={3}
        width="100%"
        value={comment}
        onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setComment(event.target.value)}
      />
      {errors.comment && <Text color="error">{errors.comment}</Text>}
      <div className="crm-timeline__form-row crm-timeline__form-row--end">
        <span>
          <CheckBox id="timeline-event-planned" checked={planned} onChange={() => setPlanned(!planned)} />
          <Label inline htmlFor="timeline-event-planned" ml="default">
            Запланировано
          </Label>
        </span>
        <Button type="submit" variant="contained" size="sm" disabled={sending}>
          Добавить событие
        </Button>
      </div>
    </Box>
  );
};

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
      {mayAdd && <NewEvent clientId={String(record.id)} onSaved={reload} />}
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
