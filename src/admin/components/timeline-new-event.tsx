import React from 'react';
import { Box, Button, CheckBox, Label, MessageBox, Select, Text, TextArea } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

import { moscowToday } from '../../common/ru-format.js';
import { loadRecordAction, postRecordAction, type ActionOutcome } from './post-action.js';
import { RussianDatePicker } from './russian-date-picker.js';

/**
 * «Добавить событие» at the top of the client card's timeline: type, date, «Запланировано»,
 * comment and files. Both doors call HistoryService.create: an event without files goes to the
 * card's `addHistoryEvent` action; one with files to the history event's «Создать», the only
 * action that receives files (HistoryService checks them and stores them with the event). On success
 * the card is read again (`onSaved`) and the event shows without leaving the page; on a refusal
 * the Russian message stands beside the form and what was typed stays.
 */
interface EventType {
  id: number;
  name: string;
}

const api = new ApiClient();

const fieldMessages = (errors: Record<string, { message?: string }> | undefined) =>
  Object.fromEntries(Object.entries(errors ?? {}).map(([path, error]) => [path, error.message ?? '']));

/** Posts the event with its files as a multipart form to HistoryEvent's «Создать». */
async function postWithFiles(fields: Record<string, string>, files: File[]): Promise<ActionOutcome> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  files.forEach((file, index) => form.append(`files.${index}`, file));
  try {
    const response = await api.resourceAction({ resourceId: 'HistoryEvent', actionName: 'new', data: form });
    const body = response.data as {
      notice?: { message: string; type: string };
      record?: { errors?: Record<string, { message?: string }> };
    };
    if (body.notice?.type === 'success') return { done: true, message: null, fieldErrors: {} };
    return {
      done: false,
      message: body.notice?.message ?? 'Не удалось добавить событие',
      fieldErrors: fieldMessages(body.record?.errors),
    };
  } catch (error) {
    // The back-office's body gate answers a too large or refused upload with a Russian message.
    const refusal = (error as { response?: { data?: { message?: unknown } } }).response?.data?.message;
    return {
      done: false,
      message:
        typeof refusal === 'string'
          ? refusal
          : 'Не удалось добавить событие: сервер недоступен. Повторите попытку.',
      fieldErrors: {},
    };
  }
}

const TimelineNewEvent: React.FC<{ clientId: string; onSaved: () => Promise<void> }> = ({
  clientId,
  onSaved,
}) => {
  const [types, setTypes] = React.useState<EventType[]>([]);
  const [typeId, setTypeId] = React.useState('');
  const [comment, setComment] = React.useState('');
  const [eventDate, setEventDate] = React.useState(moscowToday());
  const [planned, setPlanned] = React.useState(false);
  const [files, setFiles] = React.useState<File[]>([]);
  const [errors, setErrors] = React.useState<Record<string, string>>({});
  const [message, setMessage] = React.useState<string | null>(null);
  const [sending, setSending] = React.useState(false);
  const fileInput = React.useRef<HTMLInputElement>(null);

  React.useEffect(() => {
    loadRecordAction<{ eventTypes?: EventType[] }>('Client', clientId, 'addHistoryEvent')
      .then((data) => setTypes(data.eventTypes ?? []))
      .catch(() => setMessage('Не удалось загрузить типы событий. Обновите страницу.'));
  }, [clientId]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const fields = { typeId, comment, eventDate, planned: planned ? 'true' : 'false' };
    const result =
      files.length > 0
        ? await postWithFiles({ clientId, ...fields }, files)
        : await postRecordAction('Client', clientId, 'addHistoryEvent', fields, { stay: true });
    if (result.done) {
      setComment('');
      setPlanned(false);
      setEventDate(moscowToday());
      setFiles([]);
      if (fileInput.current) fileInput.current.value = '';
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
  const error = (path: string) =>
    errors[path] ? (
      <Text color="error" className="crm-timeline__error">
        {errors[path]}
      </Text>
    ) : null;
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
          {error('typeId')}
        </div>
        <div>
          <Label required>Дата события</Label>
          <RussianDatePicker kind="date" value={eventDate} onChange={(value) => setEventDate(value ?? '')} />
          {error('eventDate')}
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
      {error('comment')}
      <div className="crm-timeline__files">
        {/* The browser's own file field speaks its own language: hidden, opened by a Russian label. */}
        <input
          id="timeline-event-files"
          className="crm-timeline__file-input"
          ref={fileInput}
          type="file"
          multiple
          onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
        />
        <label htmlFor="timeline-event-files" className="crm-timeline__file-button">
          Прикрепить файлы
        </label>
        <span className="crm-timeline__file-names" data-testid="timeline-event-file-names">
          {files.map((file) => file.name).join(', ')}
        </span>
        {error('files')}
      </div>
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

export default TimelineNewEvent;
