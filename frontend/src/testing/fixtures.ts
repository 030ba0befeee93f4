import type { components } from '@/lib/api-client';

type Schemas = components['schemas'];

export function buildUser(overrides: Partial<Schemas['UserView']> = {}): Schemas['UserView'] {
  return {
    id: 'user-1',
    email: 'ada@example.org',
    full_name: 'Ada Citizen',
    role: 'citizen',
    municipality_id: null,
    email_verified: true,
    active: true,
    ...overrides,
  };
}

export function buildTokenPair(
  access: string,
  refresh: string,
  overrides: Partial<Schemas['TokenPair']> = {},
): Schemas['TokenPair'] {
  return {
    access_token: access,
    refresh_token: refresh,
    expires_in: 900,
    token_type: 'bearer',
    user: buildUser(),
    ...overrides,
  };
}

export function buildTicket(overrides: Partial<Schemas['TicketView']> = {}): Schemas['TicketView'] {
  return {
    id: 'ticket-1',
    reference: 'POT-2026-0001',
    status: 'received',
    description: 'Deep pothole in front of the bakery',
    category_id: 'category-1',
    municipality_id: 'municipality-a',
    location: { lat: 52.3906, lon: 13.0645 },
    address: 'Brandenburger Straße 1, Potsdam',
    created_at: '2026-11-20T09:30:00Z',
    updated_at: '2026-11-21T10:00:00Z',
    after_photo_ids: [],
    former_references: [],
    hidden: false,
    hidden_photo_ids: [],
    photo_ids: [],
    priority: 'normal',
    support_count: 0,
    view: 'public',
    ...overrides,
  };
}
