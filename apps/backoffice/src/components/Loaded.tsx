import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Empty, ErrorState, Loading } from './States';

/** What a query shows: waiting, its failure with a retry, the words for nothing, or the data. */
export function Loaded<T>({ query, isEmpty, empty, children }: { query: UseQueryResult<T>; isEmpty: (data: T) => boolean; empty: ReactNode; children: (data: T) => ReactNode }) {
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
