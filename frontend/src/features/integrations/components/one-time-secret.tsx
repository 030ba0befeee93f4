import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n';

type Props = { title: string; warning: string; secret: string; onDone: () => void };

/**
 * A secret the API answers once (an API key, a webhook signing secret). It lives only in the
 * component that shows it: leaving the page or pressing "I have stored it" drops it for good.
 */
export function OneTimeSecret({ title, warning, secret, onDone }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3 rounded-xl border-2 border-amber-500 bg-amber-50 p-4">
      <h3 id={`${id}-title`} className="font-semibold break-all text-slate-900">
        {title}
      </h3>
      <p id={`${id}-warning`} className="font-medium text-amber-950">
        {warning}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <code
          aria-describedby={`${id}-warning`}
          className="min-w-0 flex-1 rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 select-all"
        >
          {secret}
        </code>
        <Button variant="secondary" onClick={() => void copy()}>
          {t('integrations.secret.copy')}
        </Button>
      </div>
      <p role="status" className="text-sm text-slate-700">
        {copied === 'yes' ? t('integrations.secret.copied') : copied === 'failed' ? t('integrations.secret.copyFailed') : ''}
      </p>
      <Button variant="secondary" onClick={onDone}>
        {t('integrations.secret.done')}
      </Button>
    </section>
  );
}
