import { useState } from 'react';
import type { InrsApi } from '../../shared/contract';
import { channelNames } from '../../shared/contract';

export function Channels({ api }: { api: InrsApi }) {
  const [names] = useState(channelNames);
  return <p title={String(Boolean(api))}>{names.join(', ')}</p>;
}
