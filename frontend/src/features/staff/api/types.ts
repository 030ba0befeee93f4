import type { components } from '@/lib/api-client';

export type Ticket = components['schemas']['TicketView'];
export type TicketPage = components['schemas']['TicketPage'];
export type TicketStatus = Ticket['status'];
export type Priority = Ticket['priority'];
export type StaffUser = components['schemas']['UserView'];
export type Comment = components['schemas']['CommentView'];
export type CommentPage = components['schemas']['CommentPage'];
export type Category = components['schemas']['CategoryView'];
export type Municipality = components['schemas']['MunicipalitySummary'];
export type ModerationView = components['schemas']['ModerationView'];
export type PhotoModeration = components['schemas']['PhotoModeration'];
export type RedactionRegion = components['schemas']['RedactionRegion'];

/** Every query of the staff screens lives under ['tickets', …] so a sign-in or a change refreshes it. */
export const staffKeys = {
  all: ['tickets', 'staff'] as const,
  queue: () => [...staffKeys.all, 'queue'] as const,
  list: (filters: unknown) => [...staffKeys.all, 'list', filters] as const,
  ticket: (ticketId: string) => ['tickets', 'detail', ticketId] as const,
  comments: (ticketId: string) => [...staffKeys.all, 'comments', ticketId] as const,
  moderation: (ticketId: string) => [...staffKeys.all, 'moderation', ticketId] as const,
};
