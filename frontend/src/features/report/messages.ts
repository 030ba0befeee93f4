/** The report flow's photo step. */
export const en = {
  'photos.step': '2. Photos (optional)',
  'photos.hint': 'Up to {max} photos (JPEG, PNG or WebP). A photo helps the crew find and judge the problem.',
  'photos.take': 'Take a photo',
  'photos.choose': 'Choose photos',
  'photos.limit': 'A report takes up to {max} photos; {count} were left out.',
  'photos.full': 'This report has {max} photos, the most it can take. Remove one to add another.',
  'photos.photo': 'Photo {n}',
  'photos.uploading': 'Uploading photo {n}',
  'photos.uploaded': 'Photo {n} uploaded',
  'photos.failed': 'Photo {n} was not uploaded:',
  'photos.remove': 'Remove photo {n}',
  'photos.useLocation': 'Use the location of photo {n}',
  'photos.locationHint': 'Photo {n} knows where it was taken.',
  'photos.waiting': 'Please wait until the photos are uploaded.',
} as const;

export const de: Record<keyof typeof en, string> = {
  'photos.step': '2. Fotos (freiwillig)',
  'photos.hint': 'Bis zu {max} Fotos (JPEG, PNG oder WebP). Ein Foto hilft dem Bautrupp, das Problem zu finden und einzuschätzen.',
  'photos.take': 'Foto aufnehmen',
  'photos.choose': 'Fotos auswählen',
  'photos.limit': 'Eine Meldung nimmt bis zu {max} Fotos; {count} wurden nicht übernommen.',
  'photos.full': 'Diese Meldung hat schon {max} Fotos, mehr geht nicht. Entfernen Sie eines, um ein anderes hinzuzufügen.',
  'photos.photo': 'Foto {n}',
  'photos.uploading': 'Foto {n} wird hochgeladen',
  'photos.uploaded': 'Foto {n} hochgeladen',
  'photos.failed': 'Foto {n} wurde nicht hochgeladen:',
  'photos.remove': 'Foto {n} entfernen',
  'photos.useLocation': 'Ort von Foto {n} übernehmen',
  'photos.locationHint': 'Foto {n} weiß, wo es aufgenommen wurde.',
  'photos.waiting': 'Bitte warten Sie, bis die Fotos hochgeladen sind.',
};
