import { useMutation } from '@tanstack/react-query';

import { apiClient, unwrap } from '@/lib/api-client';

/** Which tickets to export: a municipality, and the days they were reported (inclusive). */
export type ExportFilter = { municipalityId: string; from: string; to: string };

/** Local midnight of a `YYYY-MM-DD` day, `days` later, as ISO 8601 with its time zone. */
export function startOfDay(day: string, days = 0): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date + days).toISOString();
}

/** The file name the server gave in Content-Disposition, or a sensible one. */
export function attachmentName(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1]);
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/**
 * The CSV comes through fetch, not a link, because the request needs the session's bearer token
 * (a plain link cannot send the Authorization header).
 */
export async function exportTickets(filter: ExportFilter): Promise<{ blob: Blob; filename: string }> {
  let disposition: string | null = null;
  const blob = await unwrap(
    apiClient
      .GET('/api/v1/tickets/export.csv', {
        params: {
          query: {
            municipality_id: filter.municipalityId,
            created_from: startOfDay(filter.from),
            created_to: startOfDay(filter.to, 1),
          },
        },
        parseAs: 'blob',
      })
      .then((outcome) => {
        disposition = outcome.response.headers.get('Content-Disposition');
        return outcome;
      }),
  );
  return { blob: blob as Blob, filename: attachmentName(disposition, `tickets-${filter.from}-${filter.to}.csv`) };
}

/** Hand a file to the browser's downloads, as a link with `download` would. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function useExportTickets() {
  return useMutation({
    mutationFn: exportTickets,
    onSuccess: ({ blob, filename }) => saveFile(blob, filename),
  });
}
