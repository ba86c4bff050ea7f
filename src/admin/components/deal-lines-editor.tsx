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
import { useTranslation, type ActionProps } from 'adminjs';

import { loadRecordAction, postRecordAction } from './post-action.js';

/**
 * «Строки сделки»: the lines of a draft deal, edited on the deal itself — each line of one kind
 * with the fields of that kind (docs/product.md §4). Saving sends them all; DealService checks every line.
 */
interface Line {
  kind: string;
  premisesId: string;
  serviceTypeId: string;
  volume: string;
  termYears: string;
  costPerYear: string;
}

interface Choices {
  lines: Line[];
  premises: { id: number; label: string; occupiedUntil: string | null }[];
  ved: { id: number; name: string }[];
  threePl: { id: number; name: string }[];
}

const kinds = [
  { value: 'premises', label: 'Продукт — складское хранение / инфраструктурные объекты' },
  { value: 'ved', label: 'Услуга ВЭД' },
  { value: '3pl', label: 'Услуги 3PL' },
];

const emptyLine = (): Line => ({
  kind: 'premises',
  premisesId: '',
  serviceTypeId: '',
  volume: '',
  termYears: '1',
  costPerYear: '',
});

const DealLinesEditor: React.FC<ActionProps> = ({ action, resource, record }) => {
  const { translateAction } = useTranslation();
  const [choices, setChoices] = useState<Choices | null>(null);
  const [lines, setLines] = useState<Line[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    loadRecordAction<{ choices?: Choices }>(resource.id, String(record?.id), action.name)
      .then((data) => {
        setChoices(data.choices ?? null);
        setLines(data.choices?.lines ?? []);
      })
      .catch(() => setMessage('Не удалось загрузить строки сделки. Обновите страницу.'));
  }, [action.name, resource.id, record?.id]);

  const change = (index: number, field: keyof Line, value: string) =>
    setLines((current) => current.map((line, at) => (at === index ? { ...line, [field]: value } : line)));

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    const result = await postRecordAction(resource.id, String(record?.id), action.name, {
      lines: JSON.stringify(lines),
      expectedVersion: String(record?.params.version ?? ''),
    });
    if (!result.done) {
      setErrors(result.fieldErrors);
      setMessage(result.message);
    }
    setSending(false);
  };

  if (!choices)
    return <Box p="xl">{message ? <MessageBox message={message} variant="danger" /> : 'Загрузка…'}</Box>;
  const services = (kind: string) => (kind === 'ved' ? choices.ved : choices.threePl);
  const error = (index: number, field: string) => errors[`lines.${index}.${field}`];

  return (
    <Box as="form" onSubmit={send} variant="white" p="xl">
      {message && (
        <Box mb="lg">
          <MessageBox message={message} variant="danger" />
        </Box>
      )}
      <Text mb="lg">«Стоимость услуги» указывается за год; сумма строки — стоимость × срок в годах.</Text>
      {lines.map((line, index) => {
        const kindOptions = kinds.filter((kind) => kind.value === line.kind);
        const premisesOptions = choices.premises.map((item) => ({
          value: String(item.id),
          label: item.occupiedUntil ? `${item.label} (занято до ${item.occupiedUntil})` : item.label,
        }));
        const serviceOptions = services(line.kind).map((service) => ({
          value: String(service.id),
          label: service.name,
        }));
        return (
          <Box key={index} mb="xl" p="lg" variant="grey" data-testid={`deal-line-${index}`}>
            <FormGroup error={Boolean(error(index, 'kind'))}>
              <Label required>Вид строки</Label>
              <Select
                inputId={`deal-line-${index}-kind`}
                options={kinds}
                value={kindOptions}
                onChange={(selected: { value: string } | null) => {
                  change(index, 'kind', selected?.value ?? 'premises');
                  change(index, 'premisesId', '');
                  change(index, 'serviceTypeId', '');
                }}
              />
            </FormGroup>
            {line.kind === 'premises' ? (
              <FormGroup error={Boolean(error(index, 'premisesId'))}>
                <Label required>Помещение (тип объекта, зона, сектор, место/№, площадь)</Label>
                <Select
                  inputId={`deal-line-${index}-premises`}
                  options={premisesOptions}
                  value={premisesOptions.filter((option) => option.value === line.premisesId)}
                  onChange={(selected: { value: string } | null) =>
                    change(index, 'premisesId', selected?.value ?? '')
                  }
                />
                {error(index, 'premisesId') && <Text color="error">{error(index, 'premisesId')}</Text>}
              </FormGroup>
            ) : (
              <>
                <FormGroup error={Boolean(error(index, 'serviceTypeId'))}>
                  <Label required>Вид услуги</Label>
                  <Select
                    inputId={`deal-line-${index}-service`}
                    options={serviceOptions}
                    value={serviceOptions.filter((option) => option.value === line.serviceTypeId)}
                    onChange={(selected: { value: string } | null) =>
                      change(index, 'serviceTypeId', selected?.value ?? '')
                    }
                  />
                  {error(index, 'serviceTypeId') && (
                    <Text color="error">{error(index, 'serviceTypeId')}</Text>
                  )}
                </FormGroup>
                <FormGroup error={Boolean(error(index, 'volume'))}>
                  <Label>Объём услуги</Label>
                  <TextArea
                    rows={3}
                    width="100%"
                    value={line.volume}
                    onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) =>
                      change(index, 'volume', event.target.value)
                    }
                  />
                  {error(index, 'volume') && <Text color="error">{error(index, 'volume')}</Text>}
                </FormGroup>
              </>
            )}
            <FormGroup error={Boolean(error(index, 'termYears'))}>
              <Label required>
                {line.kind === 'premises' ? 'Срок соглашения, лет' : 'Срок предоставления услуги, лет'}
              </Label>
              <Input
                id={`deal-line-${index}-term`}
                type="number"
                min={1}
                max={50}
                value={line.termYears}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  change(index, 'termYears', event.target.value)
                }
              />
              {error(index, 'termYears') && <Text color="error">{error(index, 'termYears')}</Text>}
            </FormGroup>
            <FormGroup error={Boolean(error(index, 'costPerYear'))}>
              <Label required>Стоимость услуги в год, ₽</Label>
              <Input
                id={`deal-line-${index}-cost`}
                value={line.costPerYear}
                onChange={(event: React.ChangeEvent<HTMLInputElement>) =>
                  change(index, 'costPerYear', event.target.value)
                }
              />
              {error(index, 'costPerYear') && <Text color="error">{error(index, 'costPerYear')}</Text>}
            </FormGroup>
            <Button
              type="button"
              variant="text"
              onClick={() => setLines((current) => current.filter((_line, at) => at !== index))}
            >
              Удалить строку
            </Button>
          </Box>
        );
      })}
      <Box mb="xl">
        <Button type="button" onClick={() => setLines((current) => [...current, emptyLine()])}>
          Добавить строку
        </Button>
      </Box>
      <Button type="submit" variant="contained" disabled={sending}>
        {translateAction(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default DealLinesEditor;
