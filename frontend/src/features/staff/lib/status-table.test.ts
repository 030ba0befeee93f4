import { describe, expect, it } from 'vitest';

import type { TicketStatus } from '@/features/staff/api/types';
import { allowedMoves, canAssign, canUnassign, isOverdue } from '@/features/staff/lib/status-table';
import { admin, buildStaffTicket, manager, operator } from '@/testing/staff';

const targets = (user: Parameters<typeof allowedMoves>[0], status: TicketStatus, assignee: string | null = 'operator-1') =>
  allowedMoves(user, buildStaffTicket({ status, assigned_operator_id: assignee })).map((move) => move.to);

describe('status table', () => {
  it('lets the assigned operator start, schedule and resolve', () => {
    expect(targets(operator, 'assigned')).toEqual(['in_progress', 'action_scheduled', 'resolved']);
    expect(targets(operator, 'in_progress')).toEqual(['action_scheduled', 'resolved']);
    expect(targets(operator, 'action_scheduled')).toEqual(['in_progress', 'resolved']);
  });

  it('gives an operator nothing on tickets that are not theirs, or not being worked', () => {
    expect(targets(operator, 'assigned', 'operator-2')).toEqual([]);
    expect(targets(operator, 'received', null)).toEqual([]);
    expect(targets(operator, 'resolved')).toEqual([]);
  });

  it('lets a manager triage and close out open tickets, and reopen resolved ones', () => {
    expect(targets(manager, 'received', null)).toEqual(['triaged', 'duplicate', 'not_responsible', 'unable_to_fix']);
    expect(targets(manager, 'in_progress')).toEqual([
      'action_scheduled',
      'resolved',
      'duplicate',
      'not_responsible',
      'unable_to_fix',
    ]);
    expect(targets(manager, 'resolved')).toEqual(['closed', 'reopened']);
    expect(targets(manager, 'closed')).toEqual(['reopened']);
    expect(targets(manager, 'duplicate')).toEqual([]);
  });

  it('says which moves need a note or the original', () => {
    const moves = allowedMoves(manager, buildStaffTicket({ status: 'assigned', assigned_operator_id: 'operator-1' }));
    const byTarget = Object.fromEntries(moves.map((move) => [move.to, move]));
    expect(byTarget['resolved']).toMatchObject({ needsNote: true, needsOriginal: false });
    expect(byTarget['unable_to_fix']).toMatchObject({ needsNote: true });
    expect(byTarget['duplicate']).toMatchObject({ needsNote: false, needsOriginal: true });
    expect(byTarget['in_progress']).toMatchObject({ needsNote: false, needsOriginal: false });
  });

  it('offers nothing to admins or to staff of another municipality', () => {
    expect(targets(admin, 'received')).toEqual([]);
    expect(targets({ ...manager, municipality_id: 'municipality-b' }, 'received')).toEqual([]);
  });

  it('lets managers assign open tickets and unassign only before work starts', () => {
    expect(canAssign(manager, buildStaffTicket({ status: 'received' }))).toBe(true);
    expect(canAssign(manager, buildStaffTicket({ status: 'in_progress' }))).toBe(true);
    expect(canAssign(manager, buildStaffTicket({ status: 'resolved' }))).toBe(false);
    expect(canAssign(operator, buildStaffTicket({ status: 'received' }))).toBe(false);
    expect(canUnassign(manager, buildStaffTicket({ status: 'assigned', assigned_operator_id: 'operator-1' }))).toBe(true);
    expect(canUnassign(manager, buildStaffTicket({ status: 'in_progress', assigned_operator_id: 'operator-1' }))).toBe(
      false,
    );
  });

  it('calls an open ticket past its due time overdue', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(isOverdue({ status: 'assigned', due_at: '2026-11-25T11:59:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'assigned', due_at: '2026-11-25T12:01:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'resolved', due_at: '2026-11-20T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'received', due_at: null }, now)).toBe(false);
  });
});
