import type { StaffUser, Ticket, TicketStatus } from '@/features/staff/api/types';

/**
 * The ticket lifecycle's status table as the staff screens offer it (the API enforces it; these are
 * the buttons worth showing). Assignment and unassignment have their own requests, not status changes.
 */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'received',
  'triaged',
  'assigned',
  'in_progress',
  'action_scheduled',
  'reopened',
];

/** Where a status change (not an assignment) can lead. */
export type MoveTarget = Exclude<TicketStatus, 'received' | 'assigned'>;

export type StatusMove = {
  to: MoveTarget;
  /** The API refuses it without a note. */
  needsNote: boolean;
  /** The API needs the original's id (duplicate). */
  needsOriginal: boolean;
};

type Row = { from: readonly TicketStatus[]; to: MoveTarget; who: readonly ('manager' | 'operator')[]; note?: true; original?: true };

const WORK: readonly TicketStatus[] = ['assigned', 'in_progress', 'action_scheduled'];

const ROWS: readonly Row[] = [
  { from: ['received', 'reopened'], to: 'triaged', who: ['manager'] },
  { from: ['assigned', 'action_scheduled'], to: 'in_progress', who: ['operator', 'manager'] },
  { from: ['assigned', 'in_progress'], to: 'action_scheduled', who: ['operator', 'manager'] },
  { from: WORK, to: 'resolved', who: ['operator', 'manager'], note: true },
  { from: ['resolved'], to: 'closed', who: ['manager'] },
  { from: ['resolved', 'closed'], to: 'reopened', who: ['manager'] },
  { from: OPEN_STATUSES, to: 'duplicate', who: ['manager'], original: true },
  { from: OPEN_STATUSES, to: 'not_responsible', who: ['manager'], note: true },
  { from: OPEN_STATUSES, to: 'unable_to_fix', who: ['manager'], note: true },
];

/** Who the person is for this ticket, in the table's terms (null: the table names them nowhere). */
export function tableRole(user: Pick<StaffUser, 'id' | 'role' | 'municipality_id'>, ticket: Ticket): 'manager' | 'operator' | null {
  if (user.municipality_id !== ticket.municipality_id) return null;
  if (user.role === 'manager') return 'manager';
  if (user.role === 'operator' && ticket.assigned_operator_id === user.id) return 'operator';
  return null;
}

/** The status changes this person may make to this ticket now, in the table's order. */
export function allowedMoves(user: Pick<StaffUser, 'id' | 'role' | 'municipality_id'>, ticket: Ticket): StatusMove[] {
  const role = tableRole(user, ticket);
  if (!role) return [];
  return ROWS.filter((row) => row.who.includes(role) && row.from.includes(ticket.status)).map((row) => ({
    to: row.to,
    needsNote: row.note === true,
    needsOriginal: row.original === true,
  }));
}

export function isOpen(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** A manager may give an open ticket to an operator (again), and take it back before work starts. */
export function canAssign(user: Pick<StaffUser, 'role' | 'municipality_id'>, ticket: Ticket): boolean {
  return user.role === 'manager' && user.municipality_id === ticket.municipality_id && isOpen(ticket.status);
}

export function canUnassign(user: Pick<StaffUser, 'role' | 'municipality_id'>, ticket: Ticket): boolean {
  return canAssign(user, ticket) && ticket.status === 'assigned' && Boolean(ticket.assigned_operator_id);
}

/** Open and past its due time. */
export function isOverdue(ticket: Pick<Ticket, 'status' | 'due_at'>, now: number = Date.now()): boolean {
  return isOpen(ticket.status) && ticket.due_at != null && Date.parse(ticket.due_at) < now;
}
