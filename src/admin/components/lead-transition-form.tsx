import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Input, Label, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { moscowToday } from '../../common/ru-format.js';
import { loadRecordAction, postRecordAction, type BoardFormProps } from './post-action.js';

/**
 * The form of a lead's status change: the fields docs/product.md §1.3 requires for it, sent with POST to the
 * action, whose handler calls LeadService. Field messages come back from the service.
 *
 * The text field takes the cursor and «Дата обработки» is today, so a move is: type, one click.
 * «Завершить обработку» opens with «Преобразовать в клиента» chosen (the usual end of a lead
 * worked this far; «Не активен» is one click away) and loads the similar client cards with the
 * form: with none, «Создать нового клиента» is chosen too; with some, the manager picks one or a
 * new card before sending, instead of learning of them from a refusal.
 */

const intro: Record<string, string> = {
  submit: 'Лид перейдёт в статус «Новый», и департамент получит уведомление по эл. почте.',
  takeIntoWork: 'Лид перейдёт в статус «Выяснение потребности», вы станете ответственным.',
  finishProcessing:
    'Лид перейдёт в статус «Обработан» с выбранным итогом. После преобразования откроется карточка клиента.',
};

const outcomes = [
  ['convert', 'Преобразовать в клиента'],
  ['inactive', 'Не активен'],
] as const;

/** A possible duplicate as ClientService explains it. */
interface Duplicate {
  id: number;
  companyName: string;
  why: string;
}

const LeadTransitionForm: React.FC<ActionProps & BoardFormProps> = ({ action, resource, record, onDone }) => {
  const { translateAction } = useTranslation();
  const finishing = action.name === 'finishProcessing';
  const [text, setText] = useState('');
  const [processedOn, setProcessedOn] = useState(moscowToday());
  const [outcome, setOutcome] = useState<string>(finishing ? 'convert' : '');
  // null until the similar cards are loaded (only «Завершить обработку» loads them).
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const [clientChoice, setClientChoice] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const textField = action.name === 'takeIntoWork' ? 'primaryResult' : 'summary';
  const textLabel = action.name === 'takeIntoWork' ? 'Результат первичной обработки' : 'Итог';

  useEffect(() => {
    if (!finishing) return;
    loadRecordAction<{ duplicates?: Duplicate[] }>(resource.id, String(record?.id), action.name)
      .then((data) => {
        const found = data.duplicates ?? [];
        setDuplicates(found);
        if (found.length === 0) setClientChoice((chosen) => chosen || 'new');
      })
      // Unknown: the conversion checks again and answers the similar cards with its refusal.
      .catch(() => setDuplicates(null));
  }, [finishing, resource.id, record?.id, action.name]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const data: Record<string, string> = { expectedVersion: String(record?.params.version ?? '') };
    if (action.name !== 'submit') Object.assign(data, { [textField]: text, processedOn });
    if (finishing) data.outcome = outcome;
    // «Создать нового клиента» chosen for the manager (nothing similar was shown) is not sent, so
    // that a similar card added meanwhile still stops the conversion and is shown.
    const confirmed = clientChoice !== 'new' || (duplicates?.length ?? 0) > 0;
    if (finishing && outcome === 'convert' && clientChoice && confirmed) data.clientChoice = clientChoice;
    const result = await postRecordAction(resource.id, String(record?.id), action.name, data, {
      stay: Boolean(onDone),
    });
    if (result.done) onDone?.();
    if (!result.done) {
      setErrors(result.fieldErrors);
      const found = result.details?.duplicates as Duplicate[] | undefined;
      if (found) {
        setDuplicates(found);
        setClientChoice('');
      }
      setMessage(result.message);
    }
    setSending(false);
  };

  const clientOption = (value: string, label: string) => (
    <Box key={value} mb="sm">
      <label>
        <input
          type="radio"
          name="clientChoice"
          value={value}
          checked={clientChoice === value}
          onChange={() => setClientChoice(value)}
        />{' '}
        {label}
      </label>
    </Box>
  );

  return (
    <Box as="form" onSubmit={send} variant="white" p="xl">
      <Text mb="lg">{intro[action.name]}</Text>
      {message && (
        <Box mb="lg">
          <MessageBox message={message} variant="danger" />
        </Box>
      )}
      {action.name !== 'submit' && (
        <>
          <FormGroup error={Boolean(errors[textField])}>
            <Label required htmlFor="lead-transition-text">
              {textLabel}
            </Label>
            <TextArea
              id="lead-transition-text"
              name={textField}
              rows={5}
              width="100%"
              value={text}
              // The one thing to type: the cursor waits in it (no click to start).
              autoFocus
              onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)}
            />
            {errors[textField] && <Text color="error">{errors[textField]}</Text>}
          </FormGroup>
          <FormGroup error={Boolean(errors.processedOn)}>
            <Label required htmlFor="lead-transition-date">
              Дата обработки
            </Label>
            <Input
              id="lead-transition-date"
              type="date"
              name="processedOn"
              value={processedOn}
              max={moscowToday()}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setProcessedOn(event.target.value)}
            />
            {errors.processedOn && <Text color="error">{errors.processedOn}</Text>}
          </FormGroup>
        </>
      )}
      {finishing && (
        <FormGroup error={Boolean(errors.outcome)}>
          <Label required>Префикс итоговой обработки</Label>
          {outcomes.map(([value, label]) => (
            <Box key={value} mb="sm">
              <label>
                <input
                  type="radio"
                  name="outcome"
                  value={value}
                  checked={outcome === value}
                  onChange={() => setOutcome(value)}
                />{' '}
                {label}
              </label>
            </Box>
          ))}
          {errors.outcome && <Text color="error">{errors.outcome}</Text>}
        </FormGroup>
      )}
      {finishing && outcome === 'convert' && duplicates !== null && (
        <FormGroup error={Boolean(errors.clientChoice)} data-testid="lead-client-choice">
          <Label required>
            {duplicates.length > 0 ? 'Похожие клиенты уже есть в базе' : 'Похожих клиентов в базе нет'}
          </Label>
          {duplicates.map((duplicate) =>
            clientOption(
              String(duplicate.id),
              `Привязать к «${duplicate.companyName}» (№${duplicate.id}: ${duplicate.why})`,
            ),
          )}
          {clientOption(
            'new',
            duplicates.length > 0 ? 'Это другой клиент — создать нового клиента' : 'Создать нового клиента',
          )}
          {errors.clientChoice && <Text color="error">{errors.clientChoice}</Text>}
        </FormGroup>
      )}
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default LeadTransitionForm;
