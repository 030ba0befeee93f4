import type { ReactNode } from 'react';

import { RoleGate, type Role } from '@/components/auth/role-gate';

export type StaffRole = Exclude<Role, 'citizen'>;

/** A staff page: signed-out visitors go to /login and come back; other roles read why they cannot. */
export function StaffGate({ roles, children }: { roles: readonly StaffRole[]; children: ReactNode }) {
  return <RoleGate roles={roles}>{children}</RoleGate>;
}

/** Which staff pages each role has, for the header and the routes. */
export const STAFF_PAGES = {
  queue: { path: '/staff/queue', roles: ['operator', 'manager'] },
  triage: { path: '/staff/triage', roles: ['manager'] },
  tickets: { path: '/staff/tickets', roles: ['manager', 'admin'] },
  overdue: { path: '/staff/overdue', roles: ['manager', 'admin'] },
  work: { path: '/staff/tickets/:ticketId', roles: ['operator', 'manager', 'admin'] },
} as const satisfies Record<string, { path: string; roles: readonly StaffRole[] }>;
