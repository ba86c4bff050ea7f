import React from 'react';
import { OriginalList, type ActionProps } from 'adminjs';

import { listCountLabel } from '../../common/list-count.js';

/**
 * AdminJS's list, whose header tag shows the count as the server gives it: past the cap it says
 * «более 10 000» rather than a number that only looks exact (see src/common/list-count.ts).
 */
const CappedCountList: React.FC<ActionProps> = (props) => {
  const { setTag } = props;
  const setCountTag = React.useCallback(
    (tag: React.SetStateAction<string>) =>
      setTag?.(typeof tag === 'string' && /^\d+$/.test(tag) ? listCountLabel(Number(tag)) : tag),
    [setTag],
  );
  return <OriginalList {...props} setTag={setTag ? setCountTag : undefined} />;
};

export default CappedCountList;
