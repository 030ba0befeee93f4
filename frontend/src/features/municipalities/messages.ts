/** Messages of the municipality screens (platform admins) and the municipality picker. */
export const en = {
  'municipalities.scope.label': 'Municipality',
  'municipalities.scope.choose': 'Choose a municipality…',
  'municipalities.scope.prompt': 'Choose the municipality to work on.',
  'municipalities.scope.none': 'Your account belongs to no municipality, so there is nothing to manage here.',
} as const;

export const de: Record<keyof typeof en, string> = {
  'municipalities.scope.label': 'Kommune',
  'municipalities.scope.choose': 'Kommune wählen…',
  'municipalities.scope.prompt': 'Wählen Sie die Kommune, die Sie bearbeiten möchten.',
  'municipalities.scope.none': 'Ihr Konto gehört zu keiner Kommune, daher gibt es hier nichts zu verwalten.',
};
