import type { ReactNode } from 'react';

import { usePhotoUrl } from '@/features/staff/api/photos';
import { useI18n } from '@/lib/i18n';

function Photo({ mediaId, alt, hidden }: { mediaId: string; alt: string; hidden: boolean }) {
  const { t } = useI18n();
  const photo = usePhotoUrl(mediaId);
  return (
    <figure className="space-y-1">
      <div className="flex aspect-[4/3] items-center justify-center overflow-hidden rounded-lg bg-slate-200">
        {photo.url ? (
          <a href={photo.url} target="_blank" rel="noreferrer" className="block size-full">
            <img src={photo.url} alt={alt} className="size-full object-cover" />
          </a>
        ) : photo.isError ? (
          <p className="p-2 text-sm text-slate-700">{t('staff.work.photoError')}</p>
        ) : (
          <span className="sr-only">{t('common.loading')}</span>
        )}
      </div>
      {hidden && <figcaption className="text-sm font-medium text-red-900">{t('staff.work.photoHidden')}</figcaption>}
    </figure>
  );
}

/** A ticket's photos as staff see them (hidden ones too, marked), each with optional controls. */
export function PhotoGallery({
  title,
  reference,
  photoIds,
  hiddenIds,
  controls,
}: {
  title: string;
  reference: string;
  photoIds: readonly string[];
  hiddenIds: readonly string[];
  controls?: (mediaId: string, number: number) => ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section aria-label={title} className="space-y-2">
      <h2 className="text-xl font-semibold text-slate-900">{title}</h2>
      {photoIds.length === 0 ? (
        <p className="text-slate-700">{t('staff.work.noPhotos')}</p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {photoIds.map((mediaId, index) => (
            <li key={mediaId} className="space-y-1">
              <Photo
                mediaId={mediaId}
                alt={t('staff.work.photo', { number: index + 1, reference })}
                hidden={hiddenIds.includes(mediaId)}
              />
              {controls?.(mediaId, index + 1)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
