import { useState, type FormEvent } from 'react';

import { Button, focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import {
  usePreferences,
  useSetPreferences,
  type NotificationPreferences,
} from '@/features/account/api/notification-preferences';
import { Saved, Section } from '@/features/account/components/section';
import type { User } from '@/lib/auth';
import { useI18n } from '@/lib/i18n';

type Switch =
  | 'email_status_changes'
  | 'email_comments'
  | 'email_assignments'
  | 'email_area_alerts'
  | 'email_feedback'
  | 'email_sla_breaches';

const DEFAULTS: Required<NotificationPreferences> = {
  email_status_changes: true,
  email_comments: true,
  email_assignments: true,
  email_area_alerts: true,
  email_feedback: true,
  email_sla_breaches: true,
  email_new_tickets: 'each',
};

/** The switches that concern someone in this role (the others keep their values). */
export function switchesFor(role: User['role']): Switch[] {
  const everyone: Switch[] = ['email_status_changes', 'email_comments', 'email_assignments', 'email_area_alerts'];
  if (role === 'operator') return [...everyone, 'email_feedback'];
  if (role === 'manager') return [...everyone, 'email_feedback', 'email_sla_breaches'];
  return everyone;
}

function Form({ role, saved }: { role: User['role']; saved: NotificationPreferences }) {
  const { t } = useI18n();
  const save = useSetPreferences();
  const [draft, setDraft] = useState<Required<NotificationPreferences>>({ ...DEFAULTS, ...saved });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(draft);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4">
      <fieldset className="space-y-2">
        <legend className="mb-2 text-slate-700">{t('account.emailsHint')}</legend>
        {switchesFor(role).map((key) => (
          <label key={key} className="flex items-start gap-3">
            <input
              type="checkbox"
              checked={draft[key]}
              onChange={(event) => setDraft((current) => ({ ...current, [key]: event.target.checked }))}
              className="mt-1 size-4 accent-emerald-700"
            />
            <span>{t(`account.pref.${key}`)}</span>
          </label>
        ))}
      </fieldset>
      {role === 'manager' && (
        <div className="space-y-1">
          <label htmlFor="account-new-tickets" className="block font-medium text-slate-800">
            {t('account.pref.email_new_tickets')}
          </label>
          <select
            id="account-new-tickets"
            value={draft.email_new_tickets}
            onChange={(event) =>
              setDraft((current) => ({
                ...current,
                email_new_tickets: event.target.value as NotificationPreferences['email_new_tickets'] & string,
              }))
            }
            className={`block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 ${focusRing}`}
          >
            {(['each', 'daily_digest', 'off'] as const).map((choice) => (
              <option key={choice} value={choice}>
                {t(`account.pref.${choice}`)}
              </option>
            ))}
          </select>
        </div>
      )}
      {save.isError && <ErrorMessage error={save.error} />}
      {save.isSuccess && <Saved>{t('account.saved')}</Saved>}
      <Button type="submit" disabled={save.isPending}>
        {t('account.savePreferences')}
      </Button>
    </form>
  );
}

/** Which notifications also come by email (GET/PUT /auth/me/notification-preferences). */
export function PreferencesForm({ user }: { user: User }) {
  const { t } = useI18n();
  const preferences = usePreferences();
  return (
    <Section id="account-emails" title={t('account.emails')}>
      {preferences.isPending && <Loading />}
      {preferences.isError && <ErrorMessage error={preferences.error} onRetry={() => void preferences.refetch()} />}
      {preferences.data && <Form role={user.role} saved={preferences.data} />}
    </Section>
  );
}
