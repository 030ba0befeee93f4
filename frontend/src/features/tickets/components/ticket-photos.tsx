import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';

import { focusRing } from '@/components/ui/button';
import type { Ticket } from '@/features/tickets/api/get-ticket';
import { apiUrl } from '@/lib/api-client';
import { useI18n } from '@/lib/i18n';

function Photo({ mediaId, label }: { mediaId: string; label: string }) {
  const { t } = useI18n();
  // An image request carries no token: a photo the public may not see (hidden by moderation,
  // though its own reporter still gets its id) cannot load here, so it is left out.
  const [unavailable, setUnavailable] = useState(false);
  if (unavailable) return null;
  return (
    <Dialog.Root>
      <Dialog.Trigger className={`block overflow-hidden rounded-lg bg-slate-100 ${focusRing}`}>
        <img
          src={apiUrl(`/api/v1/media/${mediaId}/thumbnail`)}
          alt={label}
          loading="lazy"
          onError={() => setUnavailable(true)}
          className="aspect-square w-full object-cover"
        />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-[1100] bg-slate-950/80" />
        <Dialog.Content
          aria-describedby={undefined}
          className="fixed inset-2 z-[1100] flex flex-col gap-2 rounded-xl bg-white p-3 shadow-xl sm:inset-8"
        >
          <div className="flex items-center justify-between gap-2">
            <Dialog.Title className="font-semibold text-slate-900">{label}</Dialog.Title>
            <Dialog.Close
              className={`rounded-lg border border-slate-300 px-3 py-1 font-medium text-slate-800 hover:bg-slate-50 ${focusRing}`}
            >
              {t('ticketPhotos.close')}
            </Dialog.Close>
          </div>
          <img src={apiUrl(`/api/v1/media/${mediaId}`)} alt={label} className="min-h-0 flex-1 object-contain" />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function Gallery({ title, ids, labelKey }: { title: string; ids: string[]; labelKey: 'ticketPhotos.photo' | 'ticketPhotos.after' }) {
  const { t } = useI18n();
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
      <ul className="grid grid-cols-3 gap-2 sm:grid-cols-5">
        {ids.map((id, index) => (
          <li key={id}>
            <Photo mediaId={id} label={t(labelKey, { n: index + 1, count: ids.length })} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The report's photos and the "after" photos of its resolution: thumbnails that open the full image. */
export function TicketPhotos({ ticket }: { ticket: Ticket }) {
  const { t } = useI18n();
  const hidden = new Set(ticket.hidden_photo_ids ?? []);
  const photos = (ticket.photo_ids ?? []).filter((id) => !hidden.has(id));
  const after = (ticket.after_photo_ids ?? []).filter((id) => !hidden.has(id));
  if (photos.length === 0 && after.length === 0) return null;
  return (
    <div className="space-y-4">
      {photos.length > 0 && <Gallery title={t('ticketPhotos.title')} ids={photos} labelKey="ticketPhotos.photo" />}
      {after.length > 0 && <Gallery title={t('ticketPhotos.afterTitle')} ids={after} labelKey="ticketPhotos.after" />}
    </div>
  );
}
