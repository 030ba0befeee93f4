import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap, type components } from '@/lib/api-client';

export type Place = components['schemas']['Place'];

/** Places matching an address or place name, best first (the geo service asks the geocoder). */
export async function geocode(query: string): Promise<Place[]> {
  const found = await unwrap(apiClient.GET('/api/v1/geo/geocode', { params: { query: { q: query, limit: 5 } } }));
  return found.data;
}

/** Searched when the person asks (a geocoder is not for search-as-you-type). */
export function useGeocode() {
  return useMutation({ mutationFn: geocode });
}
