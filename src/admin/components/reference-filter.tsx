import React, { useEffect, useRef, useState } from 'react';
import { FormGroup, SelectAsync } from '@adminjs/design-system';
import { ApiClient, PropertyLabel, type FilterPropertyProps } from 'adminjs';

type Option = { value: string | number; label: string };

const api = new ApiClient();

/**
 * Replaces AdminJS's DefaultReferenceFilterProperty («Отдел», «Тип объекта», «Ответственный» in a
 * list's filter). AdminJS's loads its choices as the list opens — a search request per reference
 * on every visit of the list, although the filter panel is closed. This one asks when the choices
 * are needed: when the select opens or something is typed, and at once only when the filter is
 * set (to show the chosen name).
 */
const ReferenceFilter: React.FC<FilterPropertyProps> = ({ property, filter, onChange }) => {
  const value = filter[property.path] === undefined ? '' : String(filter[property.path]);
  const [options, setOptions] = useState<Option[]>([]);
  const [defaults, setDefaults] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const asked = useRef(false);

  const load = async (query: string): Promise<Option[]> => {
    const records = await api.searchRecords({ resourceId: property.reference as string, query });
    const loaded = records.map((record) => ({ value: record.id, label: record.title }));
    setOptions((known) => [
      ...known,
      ...loaded.filter((option) => !known.some((old) => old.value === option.value)),
    ]);
    return loaded;
  };

  const ask = () => {
    if (asked.current) return;
    asked.current = true;
    setLoading(true);
    load('')
      .then((loaded) => setDefaults(loaded))
      .catch(() => setDefaults([]))
      .finally(() => setLoading(false));
  };

  // A filter already set (from the address, or the panel opened again) shows the chosen name.
  useEffect(() => {
    if (value !== '') ask();
  }, [value]);

  const selected = options.find((option) => String(option.value) === value);
  return (
    <FormGroup>
      <PropertyLabel property={property} filter />
      <SelectAsync
        variant="filter"
        value={selected ?? ''}
        isClearable
        cacheOptions
        isLoading={loading}
        loadOptions={load}
        defaultOptions={defaults}
        onMenuOpen={ask}
        onChange={(choice: Option | null) => onChange(property.path, choice ? choice.value : '')}
      />
    </FormGroup>
  );
};

export default ReferenceFilter;
