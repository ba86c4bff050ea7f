import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Input, Label, MessageBox, Select, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';

import { moscowToday } from '../../common/ru-format.js';
import { loadRecordAction, postRecordAction } from './post-action.js';

/** «Новая сделка» on a client's card: «Вид продажи», «Дата сделки», «Начало срока»; DealService makes the draft. */

const DealCreateForm: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateAction } = useTranslation();
  const [kind, setKind] = useState('');
  const [dealDate, setDealDate] = useState(moscowToday());
  const [startsOn, setStartsOn] = useState('');
  const [responsible, setResponsible] = useState('');
  const [people, setPeople] = useState<{ id: number; name: string }[]>([]);
  useEffect(() => {
    loadRecordAction<{ responsibleChoices?: { id: number; name: string }[] }>(
      resource.id,
      String(record?.id),
      action.name,
    )
      .then((data) => setPeople(data.responsibleChoices ?? []))
      .catch(() => setPeople([]));
  }, [action.name, resource.id, record?.id]);
  const options = people.map((person) => ({ value: String(person.id), label: person.name }));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const result = await postRecordAction(resource.id, String(record?.id), action.name, {
      kind,
      dealDate,
      startsOn,
      responsibleUserId: responsible,
    });
    if (!result.done) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
    }
    setSending(false);
  };
  return (
    <Box as="form" onSubmit={send} variant="white" p="xl">
      {message && (
        <Box mb="lg">
          <MessageBox message={message} variant="danger" />
        </Box>
      )}
      <FormGroup error={Boolean(errors.kind)}>
        <Label required>Вид продажи</Label>
        {[
          ['loi', 'LOI'],
          ['contract', 'Договор'],
        ].map(([value, label]) => (
          <Box key={value} mb="sm">
            <label>
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />{' '}
              {label}
            </label>
          </Box>
        ))}
        {errors.kind && <Text color="error">{errors.kind}</Text>}
      </FormGroup>
      <FormGroup error={Boolean(errors.dealDate)}>
        <Label required htmlFor="deal-date">
          Дата сделки
        </Label>
        <Input
          id="deal-date"
          type="date"
          value={dealDate}
          max={moscowToday()}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setDealDate(event.target.value)}
        />
        {errors.dealDate && <Text color="error">{errors.dealDate}</Text>}
      </FormGroup>
      <FormGroup error={Boolean(errors.startsOn)}>
        <Label htmlFor="deal-starts-on">Начало срока (по умолчанию — дата сделки)</Label>
        <Input
          id="deal-starts-on"
          type="date"
          value={startsOn}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setStartsOn(event.target.value)}
        />
        {errors.startsOn && <Text color="error">{errors.startsOn}</Text>}
      </FormGroup>
      <FormGroup error={Boolean(errors.responsibleUserId)}>
        <Label htmlFor="deal-responsible">Ответственный (по умолчанию — вы)</Label>
        <Select
          inputId="deal-responsible"
          isClearable
          options={options}
          value={options.filter((option) => option.value === responsible)}
          onChange={(selected: { value: string } | null) => setResponsible(selected?.value ?? '')}
        />
        {errors.responsibleUserId && <Text color="error">{errors.responsibleUserId}</Text>}
      </FormGroup>
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default DealCreateForm;
