import { useQuery } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Point = components['schemas']['Point'];
export type Category = components['schemas']['CategoryView'];

/** Which municipality covers a point (for an alert on a whole municipality). */
export function useMunicipalityAt(point: Point | null) {
  return useQuery({
    queryKey: ['geo', 'locate', point?.lat, point?.lon],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/geo/locate', { params: { query: { lat: point?.lat ?? 0, lon: point?.lon ?? 0 } }, signal })),
    enabled: point !== null,
    staleTime: Infinity,
  });
}

/** The categories of a municipality, to narrow an alert down. */
export function useAlertCategories(municipalityId: string | undefined) {
  return useQuery({
    queryKey: ['categories', municipalityId],
    queryFn: ({ signal }) =>
      unwrap(
        apiClient.GET('/api/v1/municipalities/{municipality_id}/categories', {
          params: { path: { municipality_id: municipalityId ?? '' }, query: { limit: 100 } },
          signal,
        }),
      ).then((page) => page.data.filter((category) => category.active)),
    enabled: Boolean(municipalityId),
    staleTime: 5 * 60_000,
  });
}

export type MunicipalitySummary = components['schemas']['MunicipalityList']['data'][number];

/** The municipalities CityFix serves, for an alert on a whole one. */
export function useMunicipalities(enabled: boolean) {
  return useQuery({
    queryKey: ['municipalities', 'all'],
    queryFn: ({ signal }) =>
      unwrap(apiClient.GET('/api/v1/municipalities', { params: { query: { limit: 200 } }, signal })).then((page) =>
        page.data.filter((municipality) => municipality.active),
      ),
    enabled,
    staleTime: 5 * 60_000,
  });
}
