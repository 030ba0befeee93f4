import type { ReactNode } from 'react';

/** The frame every account page shares: a heading (focused on arrival) and a narrow card. */
export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section
      aria-labelledby="auth-heading"
      className="mx-auto w-full max-w-md space-y-5 rounded-2xl border border-slate-200 bg-white p-5 shadow-sm sm:p-8"
    >
      <title>{`${title} · CityFix`}</title>
      <h1 id="auth-heading" className="text-2xl font-bold tracking-tight text-slate-900">
        {title}
      </h1>
      {children}
    </section>
  );
}

export function problemFor(error: unknown, field: string): string | undefined {
  if (!error || typeof error !== 'object' || !('fieldProblems' in error)) return undefined;
  const problems = (error as { fieldProblems: { field: string; problem: string }[] }).fieldProblems;
  return problems.find((p) => p.field === field)?.problem;
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-emerald-900">
      {children}
    </p>
  );
}
