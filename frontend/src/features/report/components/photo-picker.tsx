import { useState, type ChangeEvent } from 'react';

import { Button, focusRing } from '@/components/ui/button';
import { ErrorMessage } from '@/components/ui/error-message';
import type { Point } from '@/features/report/api/locate';
import { MAX_PHOTOS, type PhotoUploads } from '@/features/report/components/use-photo-uploads';
import { useI18n } from '@/lib/i18n';

const pickerButton = `inline-flex cursor-pointer items-center rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-emerald-700`;

type Props = {
  uploads: PhotoUploads;
  onUseLocation: (point: Point) => void;
};

/**
 * Take or choose up to five photos. Each is uploaded at once with a progress bar; the preview
 * is the local file. When a photo carries the camera's GPS position, the person may use it for
 * the pin.
 */
export function PhotoPicker({ uploads, onUseLocation }: Props) {
  const { t } = useI18n();
  const [leftOut, setLeftOut] = useState(0);
  const full = uploads.photos.length >= MAX_PHOTOS;

  function onFiles(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    // Reset, so choosing the same file again (after removing it) fires a change too.
    event.target.value = '';
    if (files.length > 0) setLeftOut(uploads.add(files));
  }

  return (
    <div className="space-y-3">
      <p className="text-slate-700">{t('photos.hint', { max: MAX_PHOTOS })}</p>
      {full ? (
        <p className="text-sm text-slate-700">{t('photos.full', { max: MAX_PHOTOS })}</p>
      ) : (
        <div className="flex flex-wrap gap-2">
          <label className={pickerButton}>
            <input type="file" accept="image/*" capture="environment" className="sr-only" onChange={onFiles} />
            {t('photos.take')}
          </label>
          <label className={pickerButton}>
            <input type="file" accept="image/*" multiple className="sr-only" onChange={onFiles} />
            {t('photos.choose')}
          </label>
        </div>
      )}
      {leftOut > 0 && (
        <p role="status" className="text-sm text-amber-900">
          {t('photos.limit', { max: MAX_PHOTOS, count: leftOut })}
        </p>
      )}
      {uploads.photos.length > 0 && (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {uploads.photos.map((photo, index) => {
            const n = index + 1;
            const suggested = photo.upload?.suggested_location;
            return (
              <li key={photo.key} className="space-y-2 rounded-xl border border-slate-200 p-2">
                {photo.preview ? (
                  <img
                    src={photo.preview}
                    alt={t('photos.photo', { n })}
                    className="aspect-square w-full rounded-lg bg-slate-100 object-cover"
                  />
                ) : (
                  <p className="text-sm text-slate-700">{t('photos.photo', { n })}</p>
                )}
                {photo.state === 'uploading' && (
                  <progress
                    max={100}
                    value={Math.round(photo.progress * 100)}
                    aria-label={t('photos.uploading', { n })}
                    className="h-2 w-full accent-emerald-700"
                  />
                )}
                {photo.state === 'done' && (
                  <p className="text-sm text-emerald-800">{t('photos.uploaded', { n })}</p>
                )}
                {photo.state === 'failed' && (
                  <div className="space-y-1 text-sm">
                    <p className="font-medium text-red-900">{t('photos.failed', { n })}</p>
                    <ErrorMessage error={photo.error} />
                  </div>
                )}
                {suggested && (
                  <div className="space-y-1">
                    <p className="text-sm text-slate-700">{t('photos.locationHint', { n })}</p>
                    <Button variant="secondary" className="w-full text-sm" onClick={() => onUseLocation(suggested)}>
                      {t('photos.useLocation', { n })}
                    </Button>
                  </div>
                )}
                <button
                  type="button"
                  onClick={() => uploads.remove(photo)}
                  className={`text-sm font-medium text-red-800 underline underline-offset-4 ${focusRing}`}
                >
                  {t('photos.remove', { n })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
