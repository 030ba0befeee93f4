import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';

import { staffKeys, type Comment, type CommentPage } from '@/features/staff/api/types';
import { apiClient, unwrap } from '@/lib/api-client';

export type Visibility = Comment['visibility'];

export function getComments(ticketId: string, cursor: string | null, signal?: AbortSignal): Promise<CommentPage> {
  return unwrap(
    apiClient.GET('/api/v1/tickets/{ticket_id}/comments', {
      params: { path: { ticket_id: ticketId }, query: cursor ? { cursor, limit: 100 } : { limit: 100 } },
      ...(signal ? { signal } : {}),
    }),
  );
}

export function useComments(ticketId: string) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: staffKeys.comments(ticketId),
      queryFn: ({ pageParam, signal }) => getComments(ticketId, pageParam, signal),
      initialPageParam: null as string | null,
      getNextPageParam: (page: CommentPage) => page.next_cursor ?? null,
    }),
  );
}

export function addStaffComment(ticketId: string, body: string, visibility: Visibility): Promise<Comment> {
  return unwrap(
    apiClient.POST('/api/v1/tickets/{ticket_id}/comments', {
      params: { path: { ticket_id: ticketId } },
      body: { body, visibility },
    }),
  );
}

export function useAddStaffComment(ticketId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, visibility }: { body: string; visibility: Visibility }) =>
      addStaffComment(ticketId, body, visibility),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: staffKeys.comments(ticketId) });
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'timeline', ticketId] });
    },
  });
}
