import React, { useState } from 'react';
import { Box, Button, FormGroup, Input, Label, MessageBox, Text, TextArea } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { moscowToday } from '../../common/ru-format.js';
import { postRecordAction, type BoardFormProps } from './post-action.js';

/**
 * The form of a lead's status change: the fields SPEC §1.3 requires for it, sent with POST to the
 * action, whose handler calls LeadService. Field messages come back from the service.
 */

const intro: Record<string, string> = {
  submit: 'Лид перейдёт в статус «Новый», и департамент получит уведомление по эл. почте.',
  takeIntoWork: 'Лид перейдёт в статус «Выяснение потребности», вы станете ответственным.',
  finishProcessing: 'Лид перейдёт в статус «Обработан» с выбранным итогом.',
};

/** A possible duplicate as ClientService explains it. */
interface Duplicate {
  id: number;
  companyName: string;
  why: string;
}

const LeadTransitionForm: React.FC<ActionProps & BoardFormProps> = ({ action, resource, record, onDone }) => {
  const { translateAction } = useTranslation();
  const [text, setText] = useState('');
  const [processedOn, setProcessedOn] = useState(moscowToday());
  const [outcome, setOutcome] = useState('');
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [clientChoice, setClientChoice] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const textField = action.name === 'takeIntoWork' ? 'primaryResult' : 'summary';
  const textLabel = action.name === 'takeIntoWork' ? 'Результат первичной обработки' : 'Итог';

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const data: Record<string, string> = { expectedVersion: String(record?.params.version ?? '') };
    if (action.name !== 'submit') Object.assign(data, { [textField]: text, processedOn });
    if (action.name === 'finishProcessing') data.outcome = outcome;
    if (clientChoice) data.clientChoice = clientChoice;
    const result = await postRecordAction(resource.id, String(record?.id), action.name, data, {
      stay: Boolean(onDone),
    });
    if (result.done) onDone?.();
    if (!result.done) {
      setErrors(result.fieldErrors);
      const found = result.details?.duplicates as Duplicate[] | undefined;
      if (found) setDuplicates(found);
      setMessage(result.message);
    }
    setSending(false);
  };

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
      {action.name === 'finishProcessing' && (
        <FormGroup error={Boolean(errors.outcome)}>
          <Label required>Префикс итоговой обработки</Label>
          {[
            ['inactive', 'Не активен'],
            ['convert', 'Преобразовать в клиента'],
          ].map(([value, label]) => (
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
      {duplicates.length > 0 && outcome === 'convert' && (
        <FormGroup error={Boolean(errors.clientChoice)}>
          <Label required>Похожие клиенты уже есть в базе</Label>
          {duplicates.map((duplicate) => (
            <Box key={duplicate.id} mb="sm">
              <label>
                <input
                  type="radio"
                  name="clientChoice"
                  value={String(duplicate.id)}
                  checked={clientChoice === String(duplicate.id)}
                  onChange={() => setClientChoice(String(duplicate.id))}
                />{' '}
                Привязать к «{duplicate.companyName}» (№{duplicate.id}: {duplicate.why})
              </label>
            </Box>
          ))}
          <Box mb="sm">
            <label>
              <input
                type="radio"
                name="clientChoice"
                value="new"
                checked={clientChoice === 'new'}
                onChange={() => setClientChoice('new')}
              />{' '}
              Это другой клиент — создать новую карточку
            </label>
          </Box>
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
