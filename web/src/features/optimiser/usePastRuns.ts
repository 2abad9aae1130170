import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { apiClient, ok } from '../../api/client';
import { FINISHED } from './types';

/** Past runs shown per page. */
const RUNS_PAGE = 10;

/** Earlier runs, newest first, a page at a time; polled every 3 s while one of them is still going. */
export function usePastRuns() {
  const [offset, setOffset] = useState(0);
  const runs = useQuery({
    queryKey: ['optimiser-runs', offset],
    queryFn: () => ok(apiClient.GET('/api/optimiser/runs', { params: { query: { limit: RUNS_PAGE, offset } } })),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.runs.some((r) => !FINISHED.has(r.status)) ? 3000 : false),
  });
  const list = runs.data;
  return {
    runs,
    offset,
    hasPrevious: offset > 0,
    hasNext: Boolean(list) && offset + list!.runs.length < list!.total,
    previous: () => setOffset(Math.max(0, offset - RUNS_PAGE)),
    next: () => setOffset(offset + RUNS_PAGE),
  };
}
