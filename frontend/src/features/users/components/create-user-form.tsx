import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/form-fields';
import { fieldProblemMap, FormError } from '@/components/ui/form-error';
import { TextField } from '@/components/ui/text-field';
import type { StaffRole } from '@/features/users/api/get-users';
import { useCreateUser } from '@/features/users/api/save-user';
import { useI18n } from '@/lib/i18n';

export type MunicipalityOption = { id: string; name: string };

type Props = {
  role: StaffRole;
  /** The municipality the account belongs to; without it, the person picks one of `municipalities`. */
  municipalityId?: string | undefined;
  municipalities?: MunicipalityOption[];
};

const FIELDS = ['full_name', 'email', 'municipality_id', 'password', 'role'];

/**
 * A new staff account. Without a password the API emails a link to choose one (an invitation);
 * with one, it emails a link to confirm the address.
 */
export function CreateUserForm({ role, municipalityId, municipalities = [] }: Props) {
  const { t } = useI18n();
  const create = useCreateUser();
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [chosenMunicipality, setChosenMunicipality] = useState('');
  const [password, setPassword] = useState('');
  const problems = fieldProblemMap(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      {
        role,
        full_name: fullName.trim(),
        email: email.trim(),
        municipality_id: municipalityId ?? chosenMunicipality,
        ...(password ? { password } : {}),
      },
      {
        onSuccess: () => {
          setFullName('');
          setEmail('');
          setPassword('');
        },
      },
    );
  }

  const title = role === 'manager' ? t('users.create.manager') : t('users.create.operator');
  return (
    <section aria-labelledby={`create-${role}`} className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h2 id={`create-${role}`} className="text-xl font-semibold text-slate-900">
        {title}
      </h2>
      <form onSubmit={onSubmit} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('users.field.name')}
            value={fullName}
            onChange={(event) => setFullName(event.target.value)}
            required
            maxLength={120}
            autoComplete="off"
            problem={problems['full_name']}
          />
          <TextField
            label={t('users.field.email')}
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            required
            autoComplete="off"
            problem={problems['email']}
          />
          {!municipalityId && (
            <SelectField
              label={t('users.field.municipality')}
              value={chosenMunicipality}
              onChange={(event) => setChosenMunicipality(event.target.value)}
              required
              problem={problems['municipality_id']}
            >
              <option value="">{t('users.field.chooseMunicipality')}</option>
              {municipalities.map((municipality) => (
                <option key={municipality.id} value={municipality.id}>
                  {municipality.name}
                </option>
              ))}
            </SelectField>
          )}
          <TextField
            label={t('users.field.password')}
            hint={t('users.field.passwordHint')}
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            minLength={8}
            maxLength={128}
            autoComplete="new-password"
            problem={problems['password']}
          />
        </div>
        {create.isError && <FormError error={create.error} shownFields={FIELDS} />}
        {create.isSuccess && (
          <p role="status" className="font-medium text-emerald-800">
            {create.variables.password
              ? t('users.created.password', { name: create.data.full_name, email: create.data.email })
              : t('users.created.link', { name: create.data.full_name, email: create.data.email })}
          </p>
        )}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('users.create.submitting') : t('users.create.submit')}
        </Button>
      </form>
    </section>
  );
}
