import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorMessage } from '@/components/ui/error-message';
import { Loading } from '@/components/ui/spinner';
import { useUsers, type StaffRole, type StaffUser } from '@/features/users/api/get-users';
import { useSetUserActive } from '@/features/users/api/save-user';
import { CreateUserForm, type MunicipalityOption } from '@/features/users/components/create-user-form';
import { useI18n } from '@/lib/i18n';

type Props = {
  role: StaffRole;
  /** Only this municipality's accounts, and new ones belong to it (a manager's own). */
  municipalityId?: string | undefined;
  /** For admins: the municipalities to name in the list and to choose from for a new account. */
  municipalities?: MunicipalityOption[];
};

function ActiveToggle({ user, onChange }: { user: StaffUser; onChange: (active: boolean) => void }) {
  const { t } = useI18n();
  const name = user.full_name;
  return user.active ? (
    <ConfirmAction
      trigger={t('users.deactivate')}
      triggerLabel={t('users.deactivateLabel', { name })}
      title={t('users.deactivate.title', { name })}
      description={t('users.deactivate.body', { name })}
      confirm={t('users.deactivate')}
      cancel={t('manage.cancel')}
      destructive
      onConfirm={() => onChange(false)}
    />
  ) : (
    <ConfirmAction
      trigger={t('users.reactivate')}
      triggerLabel={t('users.reactivateLabel', { name })}
      title={t('users.reactivate.title', { name })}
      description={t('users.reactivate.body', { name })}
      confirm={t('users.reactivate')}
      cancel={t('manage.cancel')}
      onConfirm={() => onChange(true)}
    />
  );
}

/** A municipality's operators (for its managers) or the platform's managers (for admins). */
export function StaffUsers({ role, municipalityId, municipalities }: Props) {
  const { t } = useI18n();
  const users = useUsers({ role, municipalityId });
  const setActive = useSetUserActive();
  const list = users.data?.pages.flatMap((page) => page.data) ?? [];
  const names = new Map((municipalities ?? []).map((m) => [m.id, m.name]));
  const showMunicipality = municipalities !== undefined;
  const title = role === 'manager' ? t('users.managers.title') : t('users.operators.title');

  return (
    <div className="space-y-6">
      <section aria-labelledby="users-heading" className="space-y-4">
        <title>{`${title} · CityFix`}</title>
        <div className="space-y-1">
          <h1 id="users-heading" className="text-3xl font-bold tracking-tight text-slate-900">
            {title}
          </h1>
          <p className="text-slate-700">{role === 'manager' ? t('users.managers.intro') : t('users.operators.intro')}</p>
        </div>
        {setActive.isError && <ErrorMessage error={setActive.error} />}
        {setActive.isSuccess && (
          <p role="status" className="font-medium text-emerald-800">
            {setActive.data.active
              ? t('users.reactivated', { name: setActive.data.full_name })
              : t('users.deactivated', { name: setActive.data.full_name })}
          </p>
        )}
        {users.isPending && <Loading />}
        {users.isError && <ErrorMessage error={users.error} onRetry={() => void users.refetch()} />}
        {users.isSuccess && list.length === 0 && <p className="text-slate-700">{t(`users.empty.${role}`)}</p>}
        {list.length > 0 && (
          <div className="overflow-x-auto">
            <table className="w-full text-left">
              <caption className="sr-only">{title}</caption>
              <thead>
                <tr className="text-sm text-slate-600">
                  <th scope="col" className="py-2 pr-3 font-medium">{t('users.col.person')}</th>
                  {showMunicipality && <th scope="col" className="py-2 pr-3 font-medium">{t('users.col.municipality')}</th>}
                  <th scope="col" className="py-2 pr-3 font-medium">{t('users.col.state')}</th>
                  <th scope="col" className="py-2 font-medium">{t('users.col.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((user) => (
                  <tr key={user.id} className="border-t border-slate-200 align-top">
                    <th scope="row" className="py-2 pr-3 text-left font-medium text-slate-900">
                      {user.full_name}
                      <span className="block text-sm font-normal break-all text-slate-600">{user.email}</span>
                    </th>
                    {showMunicipality && (
                      <td className="py-2 pr-3">{user.municipality_id ? (names.get(user.municipality_id) ?? user.municipality_id) : '—'}</td>
                    )}
                    <td className="py-2 pr-3">
                      <span className={user.active ? 'text-emerald-800' : 'text-slate-600'}>
                        {user.active ? t('users.active') : t('users.inactive')}
                      </span>
                      {!user.email_verified && <span className="block text-sm text-slate-600">{t('users.unverified')}</span>}
                    </td>
                    <td className="py-2">
                      <ActiveToggle user={user} onChange={(active) => setActive.mutate({ userId: user.id, active })} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {users.hasNextPage && (
          <Button variant="secondary" onClick={() => void users.fetchNextPage()} disabled={users.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        )}
      </section>
      <CreateUserForm role={role} municipalityId={municipalityId} municipalities={municipalities ?? []} />
    </div>
  );
}
