import React, { useEffect, useRef, useState } from 'react';
import { Box, H2, H4, Input, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

interface SearchHit {
  title: string;
  subtitle: string;
  link: string;
}
interface SearchAnswer {
  query: string;
  message: string | null;
  groups: { kind: string; label: string; hits: SearchHit[] }[];
}

const api = new ApiClient();
/** How long typing must pause before the search runs. */
const DEBOUNCE_MS = 250;

const initialQuery = () => new URLSearchParams(window.location.search).get('q') ?? '';

/** «Поиск»: one box; results grouped by kind as you type, each a link to its record. */
const SearchPage: React.FC = () => {
  const [query, setQuery] = useState(initialQuery);
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const latest = useRef(0);

  useEffect(() => {
    const url = new URL(window.location.href);
    if (query) url.searchParams.set('q', query);
    else url.searchParams.delete('q');
    window.history.replaceState(window.history.state, '', url);
    if (!query.trim()) {
      // A search still on its way for the text just erased must not come back.
      latest.current += 1;
      setAnswer(null);
      setError(null);
      setLoading(false);
      return undefined;
    }
    const request = ++latest.current;
    const timer = window.setTimeout(() => {
      setLoading(true);
      api
        .getPage({ pageName: 'search', params: { q: query } })
        .then((response) => {
          if (request !== latest.current) return;
          setAnswer(response.data as SearchAnswer);
          setError(null);
        })
        .catch((failure: { response?: { data?: { message?: string } } }) => {
          if (request !== latest.current) return;
          setAnswer(null);
          setError(
            failure.response?.data?.message ?? 'Поиск не выполнен — повторите через несколько секунд.',
          );
        })
        .finally(() => {
          if (request === latest.current) setLoading(false);
        });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  const found = answer?.groups.filter((group) => group.hits.length > 0) ?? [];
  return (
    <Box variant="grey">
      <Box variant="white" p="xl">
        <H2>Поиск</H2>
        <Text mb="lg" color="grey60">
          Телефон в любом виде или его последние цифры, эл. почта, ИНН, номер записи, название компании (можно
          с опечаткой) или имя.
        </Text>
        <Input
          name="q"
          type="search"
          autoFocus
          width={1}
          maxLength={200}
          placeholder="Например, 8 (495) 230-27-72 или Ромашка"
          aria-label="Что найти"
          value={query}
          onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
        />
        {loading && (
          <Text mt="default" color="grey60">
            Ищем…
          </Text>
        )}
        {error && <MessageBox mt="lg" variant="danger" message={error} />}
        {answer?.message && <MessageBox mt="lg" variant="info" message={answer.message} />}
        {answer && !answer.message && found.length === 0 && (
          <Text mt="lg" data-testid="search-nothing">
            Ничего не найдено
          </Text>
        )}
      </Box>
      {found.map((group) => (
        <Box key={group.kind} variant="white" p="xl" mt="lg" data-testid={`search-group-${group.kind}`}>
          <H4>{group.label}</H4>
          {group.hits.map((hit) => (
            <Box key={`${hit.link}-${hit.title}`} mb="default">
              <a href={hit.link}>{hit.title}</a>
              <Text fontSize="sm" color="grey60">
                {hit.subtitle}
              </Text>
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
};

export default SearchPage;
