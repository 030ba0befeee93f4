import * as AlertDialog from '@radix-ui/react-alert-dialog';

import { Button, focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import { useDeleteAccount, useDownloadPersonalData } from '@/features/account/api/account-data';
import { Section } from '@/features/account/components/section';
import { useI18n } from '@/lib/i18n';

/** Personal-data export (a JSON download) and account deletion (after a confirmation). */
export function AccountData({ onDeleted }: { onDeleted: () => void }) {
  const { t } = useI18n();
  const download = useDownloadPersonalData();
  const remove = useDeleteAccount();

  return (
    <Section id="account-data" title={t('account.data')}>
      <div className="space-y-2">
        <p className="text-slate-700">{t('account.exportHint')}</p>
        {download.isError && <ErrorMessage error={download.error} />}
        <Button variant="secondary" disabled={download.isPending} onClick={() => download.mutate()}>
          {download.isPending ? t('account.exporting') : t('account.export')}
        </Button>
      </div>
      <div className="space-y-2 border-t border-slate-200 pt-4">
        <p className="text-slate-700">{t('account.deleteHint')}</p>
        <AlertDialog.Root>
          <AlertDialog.Trigger
            className={`rounded-lg border border-red-300 bg-white px-3 py-1.5 font-medium text-red-800 hover:bg-red-50 ${focusRing}`}
          >
            {t('account.deleteAccount')}
          </AlertDialog.Trigger>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className="fixed inset-0 z-[1100] bg-slate-950/60" />
            <AlertDialog.Content className="fixed top-1/2 left-1/2 z-[1100] w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 space-y-4 rounded-xl bg-white p-5 shadow-xl">
              <AlertDialog.Title className="text-lg font-semibold text-slate-900">{t('account.deleteTitle')}</AlertDialog.Title>
              <AlertDialog.Description className="text-slate-700">{t('account.deleteConfirmText')}</AlertDialog.Description>
              {remove.isError && <ErrorMessage error={remove.error} />}
              <div className="flex flex-wrap justify-end gap-2">
                <AlertDialog.Cancel
                  className={`rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 ${focusRing}`}
                >
                  {t('account.cancel')}
                </AlertDialog.Cancel>
                {/* Not AlertDialog.Action: that would close the dialog before the server has answered. */}
                <button
                  type="button"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate(undefined, { onSuccess: onDeleted })}
                  className={`rounded-lg bg-red-700 px-4 py-1.5 font-semibold text-white hover:bg-red-800 disabled:bg-slate-400 ${focusRing}`}
                >
                  {remove.isPending ? t('account.deleting') : t('account.deleteConfirm')}
                </button>
              </div>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
      </div>
    </Section>
  );
}
