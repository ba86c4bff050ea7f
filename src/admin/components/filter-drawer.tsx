import React, { useEffect, useState } from 'react';
import { OriginalFilterDrawer, useFilterDrawer } from 'adminjs';

/**
 * Replaces AdminJS's FilterDrawer: the same panel, built the first time it is opened instead of on
 * every visit of a list while hidden. Its fields (date pickers, selects for each filterable
 * column) took a good part of the time from a click on «Лиды» to the rows on screen.
 */
const LazyFilterDrawer: React.FC<React.ComponentProps<typeof OriginalFilterDrawer>> = (props) => {
  const { isVisible } = useFilterDrawer();
  const [opened, setOpened] = useState(isVisible);
  useEffect(() => {
    if (isVisible) setOpened(true);
  }, [isVisible]);
  return opened || isVisible ? <OriginalFilterDrawer {...props} /> : null;
};

export default LazyFilterDrawer;
