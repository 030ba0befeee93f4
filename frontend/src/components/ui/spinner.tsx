import { useI18n } from '@/lib/i18n';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <p role="status" className="flex items-center gap-2 text-slate-600">
      <span
        aria-hidden="true"
        className="inline-block size-4 animate-spin rounded-full border-2 border-slate-300 border-t-emerald-700"
      />
      {label ?? t('common.loading')}
    </p>
  );
}
