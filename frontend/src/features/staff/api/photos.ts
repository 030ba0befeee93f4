import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';

import { useTicketChanged } from '@/features/staff/api/change-status';
import { staffKeys, type PhotoModeration, type RedactionRegion, type Ticket } from '@/features/staff/api/types';
import { apiClient, unwrap, type components } from '@/lib/api-client';

export type PhotoUpload = components['schemas']['PhotoUpload'];

/**
 * A photo's bytes with the session's token: staff see photos the public may not (hidden ones,
 * originals), which a plain <img src> cannot ask for.
 */
export async function getPhotoBlob(mediaId: string, original: boolean, signal?: AbortSignal): Promise<Blob> {
  const options = { params: { path: { media_id: mediaId } }, parseAs: 'blob' as const, ...(signal ? { signal } : {}) };
  const call = original
    ? apiClient.GET('/api/v1/media/{media_id}/original', options)
    : apiClient.GET('/api/v1/media/{media_id}', options);
  return (await unwrap(call)) as unknown as Blob;
}

/** An object URL for a photo, revoked when the photo is no longer shown. */
export function usePhotoUrl(mediaId: string, original = false) {
  const photo = useQuery(
    queryOptions({
      queryKey: ['media', mediaId, original ? 'original' : 'photo'],
      queryFn: ({ signal }) => getPhotoBlob(mediaId, original, signal),
      staleTime: 60_000,
    }),
  );
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!photo.data) return;
    const created = URL.createObjectURL(photo.data);
    setUrl(created);
    return () => URL.revokeObjectURL(created);
  }, [photo.data]);
  return { url, isPending: photo.isPending, isError: photo.isError, error: photo.error };
}

/** Upload one "after" photo; it stays the uploader's until a status change names it. */
export function uploadPhoto(file: File): Promise<PhotoUpload> {
  const form = new FormData();
  form.append('file', file);
  return unwrap(
    apiClient.POST('/api/v1/media', {
      // The generated type calls the binary part a string; the request carries the FormData itself.
      body: form as unknown as { file: string },
    }),
  );
}

export function useUploadPhoto() {
  return useMutation({ mutationFn: uploadPhoto });
}

export function setPhotoHidden(mediaId: string, hidden: boolean): Promise<PhotoModeration> {
  return unwrap(
    apiClient.PATCH('/api/v1/media/{media_id}/moderation', {
      params: { path: { media_id: mediaId } },
      body: { hidden },
    }),
  );
}

export function redactPhoto(mediaId: string, regions: RedactionRegion[]): Promise<PhotoModeration> {
  return unwrap(
    apiClient.PUT('/api/v1/media/{media_id}/redaction', {
      params: { path: { media_id: mediaId } },
      body: { regions },
    }),
  );
}

function usePhotoChanged(ticketId: string) {
  const queryClient = useQueryClient();
  const changed = useTicketChanged();
  return (moderation: PhotoModeration) => {
    void queryClient.invalidateQueries({ queryKey: ['media', moderation.id] });
    const ticket = queryClient.getQueryData<Ticket>(staffKeys.ticket(ticketId));
    if (ticket) {
      const others = ticket.hidden_photo_ids.filter((id) => id !== moderation.id);
      changed({ ...ticket, hidden_photo_ids: moderation.hidden ? [...others, moderation.id] : others });
    }
  };
}

export function useSetPhotoHidden(ticketId: string) {
  const photoChanged = usePhotoChanged(ticketId);
  return useMutation({
    mutationFn: ({ mediaId, hidden }: { mediaId: string; hidden: boolean }) => setPhotoHidden(mediaId, hidden),
    onSuccess: photoChanged,
  });
}

export function useRedactPhoto(ticketId: string) {
  const photoChanged = usePhotoChanged(ticketId);
  return useMutation({
    mutationFn: ({ mediaId, regions }: { mediaId: string; regions: RedactionRegion[] }) =>
      redactPhoto(mediaId, regions),
    onSuccess: photoChanged,
  });
}
