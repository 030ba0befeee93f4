import { useCallback, useEffect, useRef, useState } from 'react';

import { uploadPhoto, type PhotoUpload } from '@/features/report/api/upload-photo';

/** The API attaches at most this many photos to a report. */
export const MAX_PHOTOS = 5;

export type PhotoDraft = {
  key: string;
  file: File;
  /** A local object URL for the preview: the uploaded photo stays private until the report is sent. */
  preview: string;
  /** Share uploaded, 0 to 1. */
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  error?: unknown;
  upload?: PhotoUpload;
};

function previewOf(file: File): string {
  return typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : '';
}

function forget(preview: string) {
  if (preview && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(preview);
}

let counter = 0;

/**
 * The photos of a report being written: each file is uploaded as soon as it is chosen, with its
 * progress; a removed one is cancelled. `photoIds` are the uploaded ones, for CreateTicket.
 */
export function usePhotoUploads() {
  const [photos, setPhotos] = useState<PhotoDraft[]>([]);
  const uploads = useRef(new Map<string, AbortController>());
  const previews = useRef(new Set<string>());

  const update = useCallback((key: string, change: Partial<PhotoDraft>) => {
    setPhotos((current) => current.map((photo) => (photo.key === key ? { ...photo, ...change } : photo)));
  }, []);

  const start = useCallback(
    (photo: PhotoDraft) => {
      const controller = new AbortController();
      uploads.current.set(photo.key, controller);
      uploadPhoto(photo.file, {
        signal: controller.signal,
        onProgress: (progress) => update(photo.key, { progress }),
      })
        .then((upload) => update(photo.key, { state: 'done', progress: 1, upload }))
        .catch((error: unknown) => {
          if (error instanceof DOMException && error.name === 'AbortError') return;
          update(photo.key, { state: 'failed', error });
        })
        .finally(() => uploads.current.delete(photo.key));
    },
    [update],
  );

  /** Adds files up to the limit; returns how many were left out. */
  const add = useCallback(
    (files: File[], room: number): number => {
      const taken = files.slice(0, Math.max(0, room));
      const added = taken.map<PhotoDraft>((file) => {
        counter += 1;
        const preview = previewOf(file);
        if (preview) previews.current.add(preview);
        return { key: `photo-${counter}`, file, preview, progress: 0, state: 'uploading' };
      });
      setPhotos((current) => [...current, ...added]);
      added.forEach(start);
      return files.length - taken.length;
    },
    [start],
  );

  const remove = useCallback((photo: PhotoDraft) => {
    uploads.current.get(photo.key)?.abort();
    forget(photo.preview);
    previews.current.delete(photo.preview);
    setPhotos((current) => current.filter((other) => other.key !== photo.key));
  }, []);

  const reset = useCallback(() => {
    for (const controller of uploads.current.values()) controller.abort();
    for (const preview of previews.current) forget(preview);
    previews.current.clear();
    setPhotos([]);
  }, []);

  useEffect(() => {
    const running = uploads.current;
    const shown = previews.current;
    return () => {
      for (const controller of running.values()) controller.abort();
      for (const preview of shown) forget(preview);
    };
  }, []);

  return {
    photos,
    add: (files: File[]) => add(files, MAX_PHOTOS - photos.length),
    remove,
    reset,
    photoIds: photos.flatMap((photo) => (photo.upload ? [photo.upload.id] : [])),
    uploading: photos.some((photo) => photo.state === 'uploading'),
  };
}

export type PhotoUploads = ReturnType<typeof usePhotoUploads>;
