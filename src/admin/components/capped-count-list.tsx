import React from 'react';
import { OriginalList, useCurrentAdmin, type ActionProps } from 'adminjs';

import { listCountLabel } from '../../common/list-count.js';
import { columnsFor } from './list-columns.js';

/**
 * AdminJS's list, with two changes: the header tag shows the count as the server gives it (past
 * the cap it says «более 10 000» rather than a number that only looks exact: src/common/list-count.ts),
 * and the columns are those chosen for the user's role (list-columns.ts).
 */
const CappedCountList: React.FC<ActionProps> = (props) => {
  const { setTag, resource } = props;
  const [currentAdmin] = useCurrentAdmin();
  const setCountTag = React.useCallback(
    (tag: React.SetStateAction<string>) =>
      setTag?.(typeof tag === 'string' && /^\d+$/.test(tag) ? listCountLabel(Number(tag)) : tag),
    [setTag],
  );
  const role = typeof currentAdmin?.role === 'string' ? currentAdmin.role : undefined;
  const shown = React.useMemo(
    () => ({ ...resource, listProperties: columnsFor(resource.listProperties, role) }),
    [resource, role],
  );
  return <OriginalList {...props} resource={shown} setTag={setTag ? setCountTag : undefined} />;
};

export default CappedCountList;
