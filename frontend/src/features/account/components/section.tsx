import type { ReactNode } from 'react';

import { ApiError } from '@/lib/api-client';

/** One part of the account page, a card with a heading. */
export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-4 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id={id} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The server's problem with one field of a refused form (422 `details.fields`). */
export function problemFor(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.fieldProblems.find((p) => p.field === field || p.field.endsWith(`.${field}`))?.problem;
}

export function Saved({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="text-sm font-medium text-emerald-800">
      {children}
    </p>
  );
}
