import React, { useEffect, useState } from 'react';
import { Box, Button, H4, Text } from '@adminjs/design-system';

import { formatCount, formatCountOf } from '../../common/ru-format.js';
import {
  duplicatePolicies,
  duplicatePolicyLabels,
  type DuplicatePolicy,
} from '../../modules/import/import-run-contract.js';
import { importClient, type ImportJobView, type ImportSettings, type SavedMapping } from './import-client.js';

const ROWS = ['строка', 'строки', 'строк'] as const;
/** How many values of a column the table shows as its example. */
const SAMPLES = 3;

/** The first few non-empty values of a column, from the preview. */
function samplesOf(job: ImportJobView, column: number): string[] {
  const seen: string[] = [];
  for (const row of job.preview) {
    const value = (row.cells[column] ?? '').trim();
    if (value && !seen.includes(value)) seen.push(value);
    if (seen.length >= SAMPLES) break;
  }
  return seen;
}

export interface ImportSettingsProps {
  job: ImportJobView;
  /** Sends a change (PATCH) and shows the job the server answers. */
  onChange: (settings: ImportSettings) => void;
  onError: (message: string) => void;
}

/**
 * What the user decides before «Проверить»: what the file holds, which field each column fills,
 * what each value of a mapped field (stage, responsible, source) means here, and what to do with
 * duplicates; a mapping is saved by name and applied to the next file of the same kind.
 */
export const ImportSettingsForm: React.FC<ImportSettingsProps> = ({ job, onChange, onError }) => {
  const disabled = !job.can.configure;
  const setColumn = (column: number, field: string) => {
    const mapping = job.headers.map((_header, index) => job.mapping[index] ?? null);
    mapping[column] = field || null;
    onChange({ mapping });
  };
  const setValue = (field: string, value: string, choice: string) => {
    // Every field's choices are sent, so the change reads the same whether the server merges or replaces.
    const values = Object.fromEntries(
      job.values.map((entry) => [
        entry.field,
        Object.fromEntries(entry.items.map((item) => [item.value, item.choice])),
      ]),
    );
    values[field] = { ...values[field], [value]: choice || null };
    onChange({ values });
  };

  return (
    <Box className="crm-import__settings">
      <Box className="crm-import__row">
        <label className="crm-import__label" htmlFor="import-kind">
          Что в файле
        </label>
        <select
          id="import-kind"
          className="crm-import__select"
          value={job.kind}
          disabled={disabled}
          onChange={(event) => onChange({ kind: event.target.value as ImportJobView['kind'] })}
        >
          {job.kinds.map((kind) => (
            <option key={kind.key} value={kind.key}>
              {kind.label}
            </option>
          ))}
        </select>
      </Box>
      {job.departments.length > 0 && (
        <Box className="crm-import__row">
          <label className="crm-import__label" htmlFor="import-department">
            Отдел
          </label>
          <select
            id="import-department"
            className="crm-import__select"
            value={job.departmentId === null ? '' : String(job.departmentId)}
            disabled={disabled}
            onChange={(event) =>
              onChange({ departmentId: event.target.value === '' ? null : Number(event.target.value) })
            }
          >
            <option value="">Только по «Ответственному» в файле</option>
            {job.departments.map((department) => (
              <option key={department.key} value={department.key}>
                {department.label}
              </option>
            ))}
          </select>
        </Box>
      )}
      <SavedMappings job={job} disabled={disabled} onChange={onChange} onError={onError} />

      <H4 mt="lg">Столбцы файла</H4>
      <div className="crm-import__scroll" data-testid="import-columns">
        <table className="crm-import__table">
          <thead>
            <tr>
              <th>Столбец</th>
              <th>Первые значения</th>
              <th>Поле CRM</th>
            </tr>
          </thead>
          <tbody>
            {job.headers.map((header, column) => {
              const samples = samplesOf(job, column);
              return (
                <tr key={`${column}-${header}`} data-testid={`import-column-${column}`}>
                  <td className="crm-import__header">{header || `Столбец ${column + 1}`}</td>
                  <td className="crm-import__samples" title={samples.join('\n')}>
                    {samples.length ? samples.join(' · ') : <span className="crm-import__muted">пусто</span>}
                  </td>
                  <td>
                    <select
                      className="crm-import__select"
                      aria-label={`Поле для столбца «${header}»`}
                      value={job.mapping[column] ?? ''}
                      disabled={disabled}
                      onChange={(event) => setColumn(column, event.target.value)}
                    >
                      <option value="">Не импортировать</option>
                      {job.fields.map((field) => (
                        <option key={field.key} value={field.key}>
                          {field.label}
                          {field.required ? ' *' : ''}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      {job.values.map((entry) => (
        <Box key={entry.field} mt="lg" data-testid={`import-values-${entry.field}`}>
          <H4>Значения поля «{entry.label}»</H4>
          <div className="crm-import__scroll crm-import__scroll--short">
            <table className="crm-import__table">
              <thead>
                <tr>
                  <th>В файле</th>
                  <th className="crm-import__number">Строк</th>
                  <th>В CRM</th>
                </tr>
              </thead>
              <tbody>
                {entry.items.map((item) => (
                  <tr key={item.value} className={item.choice ? undefined : 'crm-import__unmapped'}>
                    <td className="crm-import__header">{item.value}</td>
                    <td className="crm-import__number">{formatCount(item.rows)}</td>
                    <td>
                      <select
                        className="crm-import__select"
                        aria-label={`«${entry.label}»: ${item.value}`}
                        value={item.choice ?? ''}
                        disabled={disabled}
                        onChange={(event) => setValue(entry.field, item.value, event.target.value)}
                      >
                        <option value="">Не сопоставлено</option>
                        {entry.options.map((option) => (
                          <option key={option.key} value={option.key}>
                            {option.label}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {entry.others && (
            <Text mt="sm" color="grey60">
              {entry.others}
            </Text>
          )}
          {entry.items.some((item) => !item.choice) && (
            <Text mt="sm" color="grey60">
              Не сопоставлено:{' '}
              {formatCountOf(
                entry.items.filter((item) => !item.choice).reduce((sum, item) => sum + item.rows, 0),
                ROWS,
              )}{' '}
              — такие строки получат значение по умолчанию.
            </Text>
          )}
        </Box>
      ))}

      <H4 mt="lg">Если запись уже есть в CRM</H4>
      <Box className="crm-import__policies" role="radiogroup" aria-label="Дубли">
        {duplicatePolicies.map((policy: DuplicatePolicy) => (
          <label key={policy} className="crm-import__policy">
            <input
              type="radio"
              name="import-policy"
              value={policy}
              checked={job.policy === policy}
              disabled={disabled}
              onChange={() => onChange({ policy })}
            />{' '}
            {duplicatePolicyLabels[policy]}
          </label>
        ))}
      </Box>
    </Box>
  );
};

/** «Сохранить сопоставление» under a name, and «Применить» a saved one (matched by header names). */
const SavedMappings: React.FC<ImportSettingsProps & { disabled: boolean }> = ({
  job,
  disabled,
  onChange,
  onError,
}) => {
  const [saved, setSaved] = useState<SavedMapping[]>([]);
  const [chosen, setChosen] = useState('');
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    importClient
      .mappings(job.kind)
      .then((mappings) => !cancelled && setSaved(mappings))
      .catch(() => !cancelled && setSaved([]));
    return () => {
      cancelled = true;
    };
  }, [job.kind]);

  const apply = () => {
    const mapping = saved.find((candidate) => String(candidate.id) === chosen);
    if (!mapping) return;
    onChange({ mapping: job.headers.map((header) => mapping.columns[header] ?? null) });
    setNote(`Применено сопоставление «${mapping.name}»`);
  };
  const save = () => {
    importClient
      .saveMapping(job.id, name.trim())
      .then((mapping) => {
        setSaved((current) => [...current.filter((item) => item.id !== mapping.id), mapping]);
        setName('');
        setNote(`Сопоставление «${mapping.name}» сохранено`);
      })
      .catch((error: Error) => onError(error.message));
  };

  return (
    <Box className="crm-import__row" mt="default">
      <label className="crm-import__label" htmlFor="import-saved">
        Сохранённое сопоставление
      </label>
      <select
        id="import-saved"
        className="crm-import__select"
        value={chosen}
        disabled={disabled || saved.length === 0}
        onChange={(event) => setChosen(event.target.value)}
      >
        <option value="">{saved.length ? 'Выберите…' : 'Пока нет сохранённых'}</option>
        {saved.map((mapping) => (
          <option key={mapping.id} value={String(mapping.id)}>
            {mapping.name}
          </option>
        ))}
      </select>
      <Button size="sm" variant="outlined" disabled={disabled || !chosen} onClick={apply}>
        Применить
      </Button>
      <input
        className="crm-import__input"
        aria-label="Название сопоставления"
        placeholder="Название, например «Битрикс24 — лиды»"
        maxLength={200}
        value={name}
        onChange={(event) => setName(event.target.value)}
      />
      <Button size="sm" variant="outlined" disabled={!name.trim()} onClick={save}>
        Сохранить сопоставление
      </Button>
      {note && <span className="crm-import__muted">{note}</span>}
    </Box>
  );
};
