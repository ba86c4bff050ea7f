import React, { useEffect, useState } from 'react';
import {
  Box,
  Button,
  CheckBox,
  FormGroup,
  Label,
  MessageBox,
  Select,
  Text,
  TextArea,
} from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { moscowToday } from '../../common/ru-format.js';
import { loadRecordAction, postRecordAction } from './post-action.js';
import { RussianDatePicker } from './russian-date-picker.js';

/**
 * «Добавить событие» on a client's card: «Тип события», a multi-line comment and «Дата события»
 * (today by default, editable; in the future for a planned one), «Запланировано». The action's
 * handler calls HistoryService.create.
 */

const HistoryEventForm: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateAction } = useTranslation();
  const [types, setTypes] = useState<{ id: number; name: string }[]>([]);
  const [typeId, setTypeId] = useState('');
  const [comment, setComment] = useState('');
  const [eventDate, setEventDate] = useState(moscowToday());
  const [planned, setPlanned] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    loadRecordAction<{ eventTypes?: { id: number; name: string }[] }>(
      resource.id,
      String(record?.id),
      action.name,
    )
      .then((data) => setTypes(data.eventTypes ?? []))
      .catch(() => setMessage('Не удалось загрузить типы событий. Обновите страницу.'));
  }, [action.name, resource.id, record?.id]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const result = await postRecordAction(resource.id, String(record?.id), action.name, {
      typeId,
      comment,
      eventDate,
      planned: planned ? 'true' : 'false',
    });
    if (!result.done) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
    }
    setSending(false);
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
        <Label required>Дата события</Label>
        <RussianDatePicker kind="date" value={eventDate} onChange={(value) => setEventDate(value ?? '')} />
        {errors.eventDate && <Text color="error">{errors.eventDate}</Text>}
      </FormGroup>
      <FormGroup>
        <CheckBox id="history-event-planned" checked={planned} onChange={() => setPlanned(!planned)} />
        <Label inline htmlFor="history-event-planned" ml="default">
          Запланировано (событие ещё предстоит — дата может быть в будущем)
        </Label>
      </FormGroup>
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default HistoryEventForm;
