import { useId, useRef } from 'react';

import { Button } from '@/components/ui/button';
import { useErrorText } from '@/components/ui/error-message';
import { uploadPhoto } from '@/features/staff/api/photos';
import { useI18n } from '@/lib/i18n';

export type AfterPhoto =
  | { key: string; name: string; state: 'uploading' }
  | { key: string; name: string; state: 'done'; id: string }
  | { key: string; name: string; state: 'failed'; message: string };

/** "After" photos for a resolution: each uploads when chosen; the status change then names them. */
export function AfterPhotos({
  photos,
  onChange,
}: {
  photos: AfterPhoto[];
  onChange: (update: (photos: AfterPhoto[]) => AfterPhoto[]) => void;
}) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const id = useId();
  const counter = useRef(0);

  function upload(files: FileList | null) {
    for (const file of Array.from(files ?? [])) {
      const key = `${Date.now()}-${counter.current++}`;
      onChange((list) => [...list, { key, name: file.name, state: 'uploading' }]);
      const settle = (photo: AfterPhoto) => onChange((list) => list.map((p) => (p.key === key ? photo : p)));
      uploadPhoto(file).then(
        (uploaded) => settle({ key, name: file.name, state: 'done', id: uploaded.id }),
        (error: unknown) => settle({ key, name: file.name, state: 'failed', message: errorText(error) }),
      );
    }
  }

  const ready = photos.filter((photo) => photo.state === 'done').length;
  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-medium text-slate-800">
        {t('staff.status.afterPhotos')}
      </label>
      <input
        id={id}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif"
        capture="environment"
        multiple
        aria-describedby={`${id}-hint`}
        onChange={(event) => {
          upload(event.target.files);
          event.target.value = '';
        }}
        className="block w-full text-sm"
      />
      <p id={`${id}-hint`} className="text-sm text-slate-600">
        {t('staff.status.afterPhotosHint')}
      </p>
      {photos.length > 0 && (
        <ul className="space-y-1 text-sm" aria-live="polite">
          {photos.map((photo) => (
            <li key={photo.key} className="flex flex-wrap items-center gap-2">
              {photo.state === 'uploading' && <span>{t('staff.status.uploading', { name: photo.name })}</span>}
              {photo.state === 'done' && <span>✓ {photo.name}</span>}
              {photo.state === 'failed' && (
                <span role="alert" className="text-red-800">
                  {photo.name}: {photo.message}
                </span>
              )}
              {photo.state !== 'uploading' && (
                <Button
                  variant="link"
                  onClick={() => onChange((list) => list.filter((p) => p.key !== photo.key))}
                >
                  {t('staff.status.removePhoto', { name: photo.name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {ready > 0 && <p className="text-sm text-slate-700">{t('staff.status.uploaded', { count: ready })}</p>}
    </div>
  );
}
