import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Input, Label, Link, MessageBox, Select, Text } from '@adminjs/design-system';
import { ApiClient, useTranslation, type ActionProps } from 'adminjs';

interface Choices {
  departments: { id: number; name: string }[];
  kinds: ('committee' | 'annual')[];
  defaults: { departmentId: number | null; periodStart: string; periodEnd: string; year: number };
}

const kindLabels = {
  committee: 'Отчёт для оперативного совещания',
  annual: 'Годовая статистика по работе с компаниями',
};

const api = new ApiClient();

/** «Сформировать отчёт»: kind, department and period; ReportService builds it and the PDF downloads. */
const ReportRequestForm: React.FC<ActionProps> = ({ action, resource }) => {
  const { translateMessage } = useTranslation();
  const [choices, setChoices] = useState<Choices | null>(null);
  const [kind, setKind] = useState<'committee' | 'annual'>('committee');
  const [departmentId, setDepartmentId] = useState('');
  const [periodStart, setPeriodStart] = useState('');
  const [periodEnd, setPeriodEnd] = useState('');
  const [year, setYear] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; variant: 'danger' | 'success' } | null>(null);
  const [ready, setReady] = useState<{ downloadUrl: string; showUrl: string } | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    api
      .resourceAction({ resourceId: resource.id, actionName: action.name })
      .then((response) => {
        const loaded = (response.data as { choices: Choices }).choices;
        setChoices(loaded);
        setDepartmentId(String(loaded.defaults.departmentId ?? ''));
        setPeriodStart(loaded.defaults.periodStart);
        setPeriodEnd(loaded.defaults.periodEnd);
        setYear(String(loaded.defaults.year));
      })
      .catch(() =>
        setMessage({ text: 'Не удалось загрузить форму — обновите страницу.', variant: 'danger' }),
      );
  }, [action.name, resource.id]);

  const send = async (event: React.FormEvent) => {
    event.preventDefault();
    setSending(true);
    setReady(null);
    setMessage(null);
    try {
      const response = await api.resourceAction({
        resourceId: resource.id,
        actionName: action.name,
        method: 'post',
        data: { kind, departmentId, periodStart, periodEnd, year },
      });
      const body = response.data as {
        notice?: { message: string; type: string };
        fieldErrors?: Record<string, string>;
        downloadUrl?: string;
        showUrl?: string;
      };
      if (body.notice?.type === 'success' && body.downloadUrl && body.showUrl) {
        setErrors({});
        setReady({ downloadUrl: body.downloadUrl, showUrl: body.showUrl });
        setMessage({ text: translateMessage(body.notice.message, resource.id), variant: 'success' });
        window.location.assign(body.downloadUrl);
      } else {
        setErrors(body.fieldErrors ?? {});
        setMessage({ text: body.notice?.message ?? 'Не удалось сформировать отчёт', variant: 'danger' });
      }
    } catch {
      setMessage({
        text: 'Не удалось сформировать отчёт: сервер недоступен. Повторите попытку.',
        variant: 'danger',
      });
    }
    setSending(false);
  };

  if (!choices)
    return (
      <Box variant="white" p="xl">
        {message ? message.text : 'Загрузка…'}
      </Box>
    );
  const departmentOptions = choices.departments.map((department) => ({
    value: String(department.id),
    label: department.name,
  }));
  return (
    <Box as="form" onSubmit={send} variant="white" p="xl" data-testid="report-request-form">
      {message && (
        <Box mb="lg">
          <MessageBox message={message.text} variant={message.variant} />
        </Box>
      )}
      {ready && (
        <Box mb="lg">
          <Link href={ready.downloadUrl}>Скачать PDF ещё раз</Link> ·{' '}
          <Link href={ready.showUrl}>Открыть в архиве</Link>
        </Box>
      )}
      <FormGroup error={Boolean(errors.kind)}>
        <Label required>Вид отчёта</Label>
        {choices.kinds.map((value) => (
          <Box key={value} mb="sm">
            <label>
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => setKind(value)}
              />{' '}
              {kindLabels[value]}
            </label>
          </Box>
        ))}
        {errors.kind && <Text color="error">{errors.kind}</Text>}
      </FormGroup>
      {kind === 'committee' ? (
        <>
          <FormGroup error={Boolean(errors.departmentId)}>
            <Label required>Департамент</Label>
            <Select
              inputId="report-department"
              value={departmentOptions.find((option) => option.value === departmentId) ?? null}
              options={departmentOptions}
              onChange={(selected: { value: string } | null) => setDepartmentId(selected?.value ?? '')}
              placeholder="Выберите департамент"
            />
            {errors.departmentId && <Text color="error">{errors.departmentId}</Text>}
          </FormGroup>
          <FormGroup error={Boolean(errors.periodStart)}>
            <Label required htmlFor="report-period-start">
              Начало периода
            </Label>
            <Input
              id="report-period-start"
              type="date"
              value={periodStart}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setPeriodStart(event.target.value)}
            />
            {errors.periodStart && <Text color="error">{errors.periodStart}</Text>}
          </FormGroup>
          <FormGroup error={Boolean(errors.periodEnd)}>
            <Label required htmlFor="report-period-end">
              Конец периода
            </Label>
            <Input
              id="report-period-end"
              type="date"
              value={periodEnd}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setPeriodEnd(event.target.value)}
            />
            {errors.periodEnd && <Text color="error">{errors.periodEnd}</Text>}
          </FormGroup>
        </>
      ) : (
        <FormGroup error={Boolean(errors.year)}>
          <Label required htmlFor="report-year">
            Год
          </Label>
          <Input
            id="report-year"
            type="number"
            value={year}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setYear(event.target.value)}
          />
          {errors.year && <Text color="error">{errors.year}</Text>}
        </FormGroup>
      )}
      <Button type="submit" variant="contained" disabled={sending}>
        {sending ? 'Формируется…' : 'Сформировать и скачать PDF'}
      </Button>
    </Box>
  );
};

export default ReportRequestForm;
