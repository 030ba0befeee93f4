import { queryOptions, useQuery } from '@tanstack/react-query';

import { apiClient, ApiError, toApiError } from '@/lib/api-client';

export type ServiceStatus = 'up' | 'down' | (string & {});

export type ServiceHealth = {
  status: ServiceStatus;
};

export type Health = {
  status: 'ok' | 'degraded' | (string & {});
  services: Record<string, ServiceHealth>;
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Check the shape of the `/health` body at the boundary instead of trusting it. */
export function parseHealth(body: unknown): Health {
  if (!isRecord(body) || typeof body['status'] !== 'string' || !isRecord(body['services'])) {
    throw new ApiError(200, 'invalid_response', 'The server sent an unexpected health report.');
  }
  const services: Record<string, ServiceHealth> = {};
  for (const [name, value] of Object.entries(body['services'])) {
    const status = isRecord(value) && typeof value['status'] === 'string' ? value['status'] : 'down';
    services[name] = { status };
  }
  return { status: body['status'], services };
}

export async function getHealth({ signal }: { signal?: AbortSignal } = {}): Promise<Health> {
  const { data, error, response } = await apiClient.GET('/api/v1/health', signal ? { signal } : {});
  // A degraded platform answers 503 with the same report: show it rather than fail.
  if (response.ok) return parseHealth(data);
  if (response.status === 503) return parseHealth(error);
  throw toApiError(response.status, response.statusText, error);
}

export const healthQueryOptions = () =>
  queryOptions({
    queryKey: ['health'],
    queryFn: ({ signal }) => getHealth({ signal }),
    refetchInterval: 30_000,
  });

export function useHealth() {
  return useQuery(healthQueryOptions());
}
