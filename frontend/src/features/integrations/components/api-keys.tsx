import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmAction } from '@/components/ui/confirm-action';
import { ErrorMessage } from '@/components/ui/error-message';
import { fieldProblemMap, FormError } from '@/components/ui/form-error';
import { Loading } from '@/components/ui/spinner';
import { TextField } from '@/components/ui/text-field';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '@/features/integrations/api/api-keys';
import { OneTimeSecret } from '@/features/integrations/components/one-time-secret';
import { useI18n } from '@/lib/i18n';

const cell = 'py-2 pr-3 align-top';

function CreateApiKeyForm({ municipalityId }: { municipalityId: string }) {
  const { t } = useI18n();
  const create = useCreateApiKey(municipalityId);
  const [name, setName] = useState('');
  const problems = fieldProblemMap(create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(name.trim(), { onSuccess: () => setName('') });
  }

  return (
    <section aria-labelledby="create-api-key" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4">
      <h3 id="create-api-key" className="text-lg font-semibold text-slate-900">
        {t('integrations.keys.create')}
      </h3>
      {create.isSuccess && (
        <OneTimeSecret
          title={t('integrations.keys.secret.title', { name: create.data.api_key.name })}
          warning={t('integrations.keys.secret.warning')}
          secret={create.data.secret}
          onDone={() => create.reset()}
        />
      )}
      <form onSubmit={onSubmit} className="space-y-4">
        <TextField
          label={t('integrations.keys.field.name')}
          hint={t('integrations.keys.field.nameHint')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          required
          maxLength={100}
          autoComplete="off"
          className="max-w-md"
          problem={problems['name']}
        />
        {create.isError && <FormError error={create.error} shownFields={['name']} />}
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('integrations.keys.submitting') : t('integrations.keys.submit')}
        </Button>
      </form>
    </section>
  );
}

/** The municipality's Open311 API keys: list, create (the key shown once), revoke. */
export function ApiKeys({ municipalityId }: { municipalityId: string }) {
  const { t, formatDateTime } = useI18n();
  const keys = useApiKeys(municipalityId);
  const revoke = useRevokeApiKey(municipalityId);
  const list = keys.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <section aria-labelledby="api-keys-heading" className="space-y-4">
      <div className="space-y-1">
        <h2 id="api-keys-heading" className="text-2xl font-semibold text-slate-900">
          {t('integrations.keys.title')}
        </h2>
        <p className="max-w-3xl text-slate-700">{t('integrations.keys.intro')}</p>
      </div>
      {revoke.isError && <ErrorMessage error={revoke.error} />}
      {revoke.isSuccess && (
        <p role="status" className="font-medium text-emerald-800">
          {t('integrations.keys.revoked', { name: revoke.data.name })}
        </p>
      )}
      {keys.isPending && <Loading />}
      {keys.isError && <ErrorMessage error={keys.error} onRetry={() => void keys.refetch()} />}
      {keys.isSuccess && list.length === 0 && <p className="text-slate-700">{t('integrations.keys.empty')}</p>}
      {list.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left">
            <caption className="sr-only">{t('integrations.keys.title')}</caption>
            <thead>
              <tr className="text-sm text-slate-600">
                <th scope="col" className="py-2 pr-3 font-medium">{t('integrations.keys.col.name')}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t('integrations.keys.col.created')}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t('integrations.keys.col.lastUsed')}</th>
                <th scope="col" className="py-2 pr-3 font-medium">{t('integrations.keys.col.state')}</th>
                <th scope="col" className="py-2 font-medium">{t('integrations.keys.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((key) => (
                <tr key={key.id} className="border-t border-slate-200">
                  <th scope="row" className={`${cell} font-medium text-slate-900`}>
                    {key.name}
                    <span className="block font-mono text-sm font-normal text-slate-600">
                      {t('integrations.keys.prefix', { prefix: key.prefix })}
                    </span>
                  </th>
                  <td className={`${cell} text-sm whitespace-nowrap`}>{formatDateTime(key.created_at)}</td>
                  <td className={`${cell} text-sm whitespace-nowrap`}>
                    {key.last_used_at ? formatDateTime(key.last_used_at) : t('integrations.never')}
                  </td>
                  <td className={cell}>
                    {key.revoked_at ? (
                      <span className="text-slate-600">{t('integrations.keys.revokedAt', { when: formatDateTime(key.revoked_at) })}</span>
                    ) : (
                      <span className="text-emerald-800">{t('integrations.keys.active')}</span>
                    )}
                  </td>
                  <td className="py-2 align-top">
                    {!key.revoked_at && (
                      <ConfirmAction
                        trigger={t('integrations.keys.revoke')}
                        triggerLabel={t('integrations.keys.revokeLabel', { name: key.name })}
                        title={t('integrations.keys.revoke.title', { name: key.name })}
                        description={t('integrations.keys.revoke.body')}
                        confirm={t('integrations.keys.revoke')}
                        cancel={t('manage.cancel')}
                        destructive
                        disabled={revoke.isPending}
                        onConfirm={() => revoke.mutate(key.id)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {keys.hasNextPage && (
        <Button variant="secondary" onClick={() => void keys.fetchNextPage()} disabled={keys.isFetchingNextPage}>
          {t('common.loadMore')}
        </Button>
      )}
      <CreateApiKeyForm municipalityId={municipalityId} />
    </section>
  );
}
