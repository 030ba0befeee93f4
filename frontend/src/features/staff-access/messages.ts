/** Messages of the management area's frame: its navigation and the role check. */
export const en = {
  'manage.nav': 'Management',
  'manage.nav.link': 'Manage',
  'manage.nav.dashboard': 'Dashboard',
  'manage.nav.categories': 'Categories',
  'manage.nav.operators': 'Operators',
  'manage.nav.municipalities': 'Municipalities',
  'manage.nav.managers': 'Managers',
  'manage.nav.deadLetters': 'Dead letters',
  'manage.nav.failedNotifications': 'Failed emails',
  'manage.nav.integrations': 'Integrations',
  'manage.cancel': 'Cancel',
} as const;

export const de: Record<keyof typeof en, string> = {
  'manage.nav': 'Verwaltung',
  'manage.nav.link': 'Verwalten',
  'manage.nav.dashboard': 'Übersicht',
  'manage.nav.categories': 'Kategorien',
  'manage.nav.operators': 'Mitarbeitende',
  'manage.nav.municipalities': 'Kommunen',
  'manage.nav.managers': 'Leitungen',
  'manage.nav.deadLetters': 'Unzustellbare Ereignisse',
  'manage.nav.failedNotifications': 'Gescheiterte E-Mails',
  'manage.nav.integrations': 'Anbindungen',
  'manage.cancel': 'Abbrechen',
};
