import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type TicketStats = components['schemas']['TicketStats'];
export type Bucket = TicketStats['bucket'];

/** The dashboard's filters: a municipality, a period of whole days (inclusive) and the chart step. */
export type StatsFilter = { municipalityId: string; from: string; to: string; bucket: Bucket };

export function getStats(filter: StatsFilter, signal?: AbortSignal): Promise<TicketStats> {
  return unwrap(
    apiClient.GET('/api/v1/stats', {
      params: {
        query: {
          municipality_id: filter.municipalityId,
          created_from: filter.from,
          created_to: filter.to,
          bucket: filter.bucket,
        },
      },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useStats(filter: StatsFilter) {
  return useQuery(
    queryOptions({
      queryKey: ['stats', filter],
      queryFn: ({ signal }) => getStats(filter, signal),
      placeholderData: (previous) => previous,
    }),
  );
}
