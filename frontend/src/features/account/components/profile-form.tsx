import { useState, type FormEvent } from 'react';

import { Button, focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { TextField } from '@/components/ui/text-field';
import { usePersonalData, useUpdateProfile, type ProfileChange } from '@/features/account/api/profile';
import { problemFor, Saved, Section } from '@/features/account/components/section';
import type { User } from '@/lib/auth';
import { LANGUAGES, useI18n, type Language } from '@/lib/i18n';

function profileText(profile: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = profile?.[key];
  return typeof value === 'string' ? value : undefined;
}

/** Name, language and phone (PATCH /auth/me). Phone and language are read from the personal data. */
export function ProfileForm({ user }: { user: User }) {
  const { t, language, setLanguage } = useI18n();
  const personal = usePersonalData();
  const update = useUpdateProfile();
  const [fullName, setFullName] = useState(user.full_name);
  const [locale, setLocale] = useState<string | null>(null);
  const [phone, setPhone] = useState<string | null>(null);
  const profile = personal.data?.profile;
  const shownLocale = locale ?? profileText(profile, 'locale') ?? language;
  const shownPhone = phone ?? profileText(profile, 'phone') ?? '';

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const change: ProfileChange = { full_name: fullName.trim(), locale: shownLocale };
    // The API keeps a phone number it is not sent; an empty field changes nothing.
    if (shownPhone.trim()) change.phone = shownPhone.trim();
    update.mutate(change, {
      onSuccess: () => {
        if (LANGUAGES.includes(shownLocale as Language)) setLanguage(shownLocale as Language);
      },
    });
  }

  return (
    <Section id="account-profile" title={t('account.profile')}>
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('account.fullName')}
          name="full_name"
          autoComplete="name"
          required
          maxLength={120}
          value={fullName}
          onChange={(event) => setFullName(event.target.value)}
          problem={problemFor(update.error, 'full_name')}
        />
        <div className="space-y-1">
          <label htmlFor="account-locale" className="block font-medium text-slate-800">
            {t('account.language')}
          </label>
          <select
            id="account-locale"
            value={shownLocale}
            onChange={(event) => setLocale(event.target.value)}
            className={`block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 ${focusRing}`}
          >
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code}>
                {t(`language.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <TextField
          label={t('account.phone')}
          hint={t('account.phoneHint')}
          name="phone"
          type="tel"
          autoComplete="tel"
          maxLength={40}
          value={shownPhone}
          onChange={(event) => setPhone(event.target.value)}
          problem={problemFor(update.error, 'phone')}
        />
        {update.isError && <ErrorMessage error={update.error} />}
        {update.isSuccess && <Saved>{t('account.saved')}</Saved>}
        <Button type="submit" disabled={update.isPending}>
          {t('account.saveProfile')}
        </Button>
      </form>
    </Section>
  );
}
