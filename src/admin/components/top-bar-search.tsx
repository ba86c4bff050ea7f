import React, { useEffect, useState } from 'react';
import { Box, Input } from '@adminjs/design-system';

import { showSelectTextsInRussian } from './select-texts.js';
import { showTruncatedTextsOnHover } from './truncated-titles.js';

interface LoggedInProps {
  OriginalComponent?: React.ComponentType<Record<string, unknown>>;
  session?: { role?: string };
  paths?: { rootPath?: string };
  [key: string]: unknown;
}

/**
 * AdminJS's «logged in» corner of the top bar with a search field before it: Enter opens the
 * «Поиск» page with what was typed.
 */
const TopBarSearch: React.FC<LoggedInProps> = ({ OriginalComponent, ...props }) => {
  const [query, setQuery] = useState('');
  // The top bar is on every page: it also installs the lists' hover texts and the selects'
  // Russian texts once.
  useEffect(showTruncatedTextsOnHover, []);
  useEffect(showSelectTextsInRussian, []);
  // Committee members cannot search: they get AdminJS's corner only.
  const maySearch = props.session?.role === 'admin' || props.session?.role === 'manager';
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const text = query.trim();
    const root = props.paths?.rootPath ?? '/admin';
    if (text) window.location.href = `${root}/pages/search?q=${encodeURIComponent(text)}`;
  };
  return (
    <Box flex flexDirection="row" alignItems="center" flexShrink={0}>
      {maySearch && (
        <form role="search" onSubmit={submit}>
          <Input
            name="topbar-search"
            type="search"
            maxLength={200}
            placeholder="Поиск: телефон, ИНН, компания…"
            aria-label="Поиск по CRM"
            value={query}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setQuery(event.target.value)}
            style={{ width: 260 }}
            mr="lg"
          />
        </form>
      )}
      {OriginalComponent && <OriginalComponent {...props} />}
    </Box>
  );
};

export default TopBarSearch;
