import type { components } from '@/lib/api-client';

export type WorkingWeek = components['schemas']['WorkingWeek'];

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A span as time inputs hold it: `HH:MM`. */
export type SpanDraft = { opens: string; closes: string };
export type WeekDraft = Record<Weekday, SpanDraft[]>;

/** `08:00:00` (as the API writes times) or `08:00` to `08:00`. */
function hhmm(time: string): string {
  return time.slice(0, 5);
}

export function emptyWeek(): WeekDraft {
  return { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [], saturday: [], sunday: [] };
}

/** A common office week to start from: Monday to Friday, 08:00 to 16:00. */
export function officeWeek(): WeekDraft {
  const week = emptyWeek();
  for (const day of WEEKDAYS.slice(0, 5)) week[day] = [{ opens: '08:00', closes: '16:00' }];
  return week;
}

/** The API's week as drafts; null when the municipality counts every hour. */
export function weekDraft(week: WorkingWeek | null | undefined): WeekDraft | null {
  if (!week) return null;
  const draft = emptyWeek();
  for (const day of WEEKDAYS) {
    draft[day] = (week[day] ?? []).map((span) => ({ opens: hhmm(span.opens), closes: hhmm(span.closes) }));
  }
  return draft;
}

/** The week as the API takes it; the API checks the order of spans and refuses an empty week. */
export function toWorkingWeek(draft: WeekDraft): WorkingWeek {
  const week = {} as WorkingWeek;
  for (const day of WEEKDAYS) week[day] = draft[day].map((span) => ({ opens: span.opens, closes: span.closes }));
  return week;
}
