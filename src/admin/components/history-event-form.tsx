import React, { useEffect, useState } from 'react';
import {
  Box,
  Button,
  FormGroup,
  Input,
  Label,
  MessageBox,
  Select,
  Text,
  TextArea,
} from '@adminjs/design-system';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';

/**
 * «Добавить событие» on a client's card: «Тип события», a multi-line comment and «Дата события»
 * (today by default, editable). The action's handler calls HistoryService.create.
 */
const api = new ApiClient();
const moscowToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());

const HistoryEventForm: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateAction } = useTranslation();
  const [types, setTypes] = useState<{ id: number; name: string }[]>([]);
  const [typeId, setTypeId] = useState('');
  const [comment, setComment] = useState('');
  const [eventDate, setEventDate] = useState(moscowToday());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    api
      .recordAction({ resourceId: resource.id, recordId: String(record?.id), actionName: action.name })
      .then((response) =>
        setTypes((response.data as { eventTypes?: { id: number; name: string }[] }).eventTypes ?? []),
      )
      .catch(() => setMessage('Не удалось загрузить типы событий. Обновите страницу.'));
  }, [action.name, resource.id, record?.id]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: String(record?.id),
        actionName: action.name,
        data: { typeId, comment, eventDate },
      });
      const body = response.data as {
        notice?: { message: string; type: string };
        fieldErrors?: Record<string, string>;
        redirectUrl?: string;
      };
      if (body.notice?.type === 'success' && body.redirectUrl) {
        window.location.assign(body.redirectUrl);
        return;
      }
      setErrors(body.fieldErrors ?? {});
      setMessage(body.notice?.message ?? 'Не удалось сохранить событие');
    } catch {
      setMessage('Не удалось сохранить событие: сервер недоступен. Повторите попытку.');
    } finally {
      setSending(false);
    }
  };

  const options = types.map((type) => ({ value: String(type.id), label: type.name }));
  return (
    <Box as="form" onSubmit={send} variant="white" p="xl">
      {message && (
        <Box mb="lg">
          <MessageBox message={message} variant="danger" />
        </Box>
      )}
      <FormGroup error={Boolean(errors.typeId)}>
        <Label required htmlFor="history-event-type">
          Тип события
        </Label>
        <Select
          inputId="history-event-type"
          options={options}
          value={options.filter((option) => option.value === typeId)}
          onChange={(selected: { value: string } | null) => setTypeId(selected?.value ?? '')}
        />
        {errors.typeId && <Text color="error">{errors.typeId}</Text>}
      </FormGroup>
      <FormGroup error={Boolean(errors.comment)}>
        <Label required htmlFor="history-event-comment">
          Комментарий
        </Label>
        <TextArea
          id="history-event-comment"
          name="comment"
          rows={5}
          width="100%"
          value={comment}
          onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setComment(event.target.value)}
        />
        {errors.comment && <Text color="error">{errors.comment}</Text>}
      </FormGroup>
      <FormGroup error={Boolean(errors.eventDate)}>
        <Label required htmlFor="history-event-date">
          Дата события
        </Label>
        <Input
          id="history-event-date"
          type="date"
          name="eventDate"
          value={eventDate}
          max={moscowToday()}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setEventDate(event.target.value)}
        />
        {errors.eventDate && <Text color="error">{errors.eventDate}</Text>}
      </FormGroup>
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default HistoryEventForm;
