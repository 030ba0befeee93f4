import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { DeadLetters } from '@/features/dead-letters/components/dead-letters';
import { FailedDeliveries } from '@/features/dead-letters/components/failed-deliveries';
import { seriousViolations } from '@/testing/axe';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const letter = {
  id: 17,
  event_type: 'TicketCreated',
  original_subject: 'cityfix.events.potsdam.ticket.created',
  consumer: 'notifications-ticket-created',
  delivery_count: 5,
  error: 'KeyError: category',
  dead_lettered_at: '2026-11-27T22:10:00Z',
  event_id: 'ev-1',
};

function api(overrides: Parameters<typeof mockApi>[0] = {}) {
  let letters = [letter, { ...letter, id: 18, event_type: null, consumer: null, delivery_count: null, dead_lettered_at: null }];
  return mockApi({
    'GET /api/v1/admin/dead-letters': () => jsonResponse({ data: letters, next_cursor: null }),
    'POST /api/v1/admin/dead-letters/:id/replay': (_request, url) => {
      const id = Number(url.pathname.split('/').at(-2));
      letters = letters.filter((l) => l.id !== id);
      return jsonResponse({ id, subject: letter.original_subject, stream: 'CITYFIX_EVENTS', stream_sequence: 912, duplicate: false });
    },
    ...overrides,
  });
}

describe('DeadLetters', () => {
  it('lists dead letters, saying "unknown" where the headers were missing', async () => {
    api();
    renderWithProviders(<DeadLetters />);

    const first = (await screen.findByRole('rowheader', { name: '17' })).closest('tr') as HTMLElement;
    expect(within(first).getByText('TicketCreated')).toBeInTheDocument();
    expect(within(first).getByText('cityfix.events.potsdam.ticket.created')).toBeInTheDocument();
    expect(within(first).getByText('KeyError: category')).toBeInTheDocument();
    const second = screen.getByRole('rowheader', { name: '18' }).closest('tr') as HTMLElement;
    expect(within(second).getAllByText('unknown')).toHaveLength(4);
    expect(await seriousViolations()).toEqual([]);
  });

  it('replays after confirming, says where it went, and drops it from the list', async () => {
    const { requests } = api();
    renderWithProviders(<DeadLetters />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Replay dead letter 17' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Replay dead letter 17?' });
    expect(dialog).toHaveTextContent('notifications-ticket-created gets it again');
    await user.click(within(dialog).getByRole('button', { name: 'Replay' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'Dead letter 17 was published again on cityfix.events.potsdam.ticket.created.',
    );
    expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toEqual([
      '/api/v1/admin/dead-letters/17/replay',
    ]);
    await screen.findByRole('rowheader', { name: '18' });
    expect(screen.queryByRole('rowheader', { name: '17' })).not.toBeInTheDocument();
  });

  it("shows the API's refusal of a replay", async () => {
    api({
      'POST /api/v1/admin/dead-letters/:id/replay': () =>
        errorResponse(422, 'not_replayable', 'This dead letter cannot be replayed: it names no original subject.'),
    });
    renderWithProviders(<DeadLetters />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Replay dead letter 17' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Replay' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This dead letter cannot be replayed: it names no original subject.');
  });

  it('says so when there are none', async () => {
    api({ 'GET /api/v1/admin/dead-letters': () => jsonResponse({ data: [], next_cursor: null }) });
    renderWithProviders(<DeadLetters />);
    expect(await screen.findByText('No dead letters: every event was handled.')).toBeInTheDocument();
  });

  it('pages on with the cursor', async () => {
    const { requests } = mockApi({
      'GET /api/v1/admin/dead-letters': (_request, url) =>
        url.searchParams.get('cursor') === '18'
          ? jsonResponse({ data: [{ ...letter, id: 19 }], next_cursor: null })
          : jsonResponse({ data: [letter], next_cursor: '18' }),
    });
    renderWithProviders(<DeadLetters />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Load more' }));

    expect(await screen.findByRole('rowheader', { name: '19' })).toBeInTheDocument();
    expect(new URL(requests.at(-1)?.url ?? '').searchParams.get('cursor')).toBe('18');
  });
});

describe('FailedDeliveries', () => {
  it('lists the emails given up on', async () => {
    mockApi({
      'GET /api/v1/admin/notifications/failed': () =>
        jsonResponse({
          data: [
            { id: 'f1', kind: 'password_reset', recipient_id: 'user-9', attempts: 8, last_error: '550 mailbox unavailable', event_id: 'ev-9', created_at: '2026-11-27T21:00:00Z' },
          ],
          next_cursor: null,
        }),
    });
    renderWithProviders(<FailedDeliveries />);

    const table = await screen.findByRole('table', { name: 'Failed emails' });
    const row = within(table).getAllByRole('row')[1] as HTMLElement;
    expect(within(row).getByText('password_reset')).toBeInTheDocument();
    expect(within(row).getByText('550 mailbox unavailable')).toBeInTheDocument();
    expect(within(row).getByText('user-9')).toBeInTheDocument();
    expect(await seriousViolations()).toEqual([]);
  });

  it("shows the API's error", async () => {
    mockApi({
      'GET /api/v1/admin/notifications/failed': () => errorResponse(503, 'unavailable', 'The notifications service is not answering; try again shortly.'),
    });
    renderWithProviders(<FailedDeliveries />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The notifications service is not answering; try again shortly.');
  });
});
