import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { Notification } from '@/features/notifications/api/get-notifications';
import { LiveNotifications } from '@/features/notifications/components/live-notifications';
import { NotificationBell } from '@/features/notifications/components/notification-bell';
import { endSession, resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { envelope, installFakeEventSource, type FakeEventSource } from '@/testing/fake-event-source';
import { buildTokenPair, buildUser } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

function notification(id: string, overrides: Partial<Notification> = {}): Notification {
  return {
    id,
    kind: 'status_changed',
    reason: 'reporter',
    ticket_id: 't1',
    reference: 'POT-17',
    municipality_id: 'municipality-a',
    status: 'in_progress',
    previous_status: 'assigned',
    created_at: '2026-11-27T09:00:00Z',
    read_at: null,
    ...overrides,
  };
}

/** A fake inbox: what the API holds, changed by the calls the bell makes. */
function inbox(initial: Notification[]) {
  let items = initial;
  let tokens = 0;
  const unread = () => items.filter((n) => !n.read_at).length;
  const api = mockApi({
    'GET /api/v1/notifications': () => jsonResponse({ data: items, next_cursor: null, unread_count: unread() }),
    'POST /api/v1/notifications/read-all': () => {
      const marked = unread();
      items = items.map((n) => ({ ...n, read_at: n.read_at ?? '2026-11-27T12:00:00Z' }));
      return jsonResponse({ marked, unread_count: 0 });
    },
    'POST /api/v1/notifications/:id/read': (_request, url) => {
      const id = url.pathname.split('/')[4];
      items = items.map((n) => (n.id === id ? { ...n, read_at: '2026-11-27T12:00:00Z' } : n));
      return jsonResponse(items.find((n) => n.id === id));
    },
    'GET /api/v1/auth/me': () => jsonResponse(buildUser({ id: 'user-1' })),
    'POST /api/v1/events/stream-token': () => {
      tokens += 1;
      return jsonResponse({ token: `stream-${tokens}`, expires_at: '2026-11-27T12:02:00Z' });
    },
  });
  return {
    ...api,
    arrive: (n: Notification) => {
      items = [n, ...items];
    },
  };
}

/** The bell as the app has it: the live stream is mounted beside it, once for every page. */
function Header() {
  return (
    <>
      <LiveNotifications />
      <NotificationBell />
    </>
  );
}

let sources: typeof FakeEventSource;

beforeEach(() => {
  sources = installFakeEventSource();
  startSession(buildTokenPair('access-1', 'refresh-1'));
});
afterEach(() => resetSessionForTests());

describe('NotificationBell', () => {
  it('counts the unread, lists the inbox and marks everything read', async () => {
    const { requests } = inbox([
      notification('n1', { kind: 'status_changed', status: 'resolved' }),
      notification('n2', { kind: 'comment_added', excerpt: 'We will be there on Monday', reference: 'POT-18', ticket_id: 't2' }),
      notification('n3', { kind: 'ticket_assigned', reason: 'follower', operator_name: 'Olga Operator', read_at: '2026-11-26T10:00:00Z' }),
    ]);
    renderWithProviders(<Header />);
    const user = userEvent.setup();

    const bell = await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    await user.click(bell);

    const panel = await screen.findByRole('dialog', { name: 'Notifications' });
    const items = within(panel).getAllByRole('listitem');
    expect(items.map((item) => within(item).getByRole('link').textContent)).toEqual([
      'POT-17 is now Resolved (unread)',
      'New comment on POT-18 (unread)',
      'POT-17 was assigned to Olga Operator',
    ]);
    expect(within(items[1] as HTMLElement).getByText('We will be there on Monday')).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'New comment on POT-18 (unread)' })).toHaveAttribute('href', '/tickets/t2');
    expect(await seriousViolations()).toEqual([]);

    await user.click(within(panel).getByRole('button', { name: 'Mark all as read' }));

    expect(await screen.findByRole('button', { name: 'Notifications' })).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: /Mark as read/ })).not.toBeInTheDocument();
    expect(requests.some((r) => r.method === 'POST' && r.url.endsWith('/notifications/read-all'))).toBe(true);
  });

  it('marks one notification read', async () => {
    const { requests } = inbox([notification('n1'), notification('n2', { reference: 'POT-18' })]);
    renderWithProviders(<Header />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Notifications, 2 unread' }));
    await user.click(await screen.findByRole('button', { name: 'Mark as read: POT-18' }));

    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    expect(requests.filter((r) => r.method === 'POST').map((r) => new URL(r.url).pathname)).toContain(
      '/api/v1/notifications/n2/read',
    );
  });

  it('says when there is nothing yet, and shows the API message when the inbox cannot load', async () => {
    inbox([]);
    const first = renderWithProviders(<Header />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(await screen.findByText(/No notifications yet/)).toBeInTheDocument();
    first.unmount();

    mockApi({
      'GET /api/v1/notifications': () => errorResponse(503, 'service_unavailable', 'The inbox is not answering right now.'),
      'GET /api/v1/auth/me': () => jsonResponse(buildUser({ id: 'user-1' })),
      'POST /api/v1/events/stream-token': () => jsonResponse({ token: 's', expires_at: '2026-11-27T12:02:00Z' }),
    });
    renderWithProviders(<Header />);
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The inbox is not answering right now.');
  });

  it('updates live: a new notification raises the count and reloads its ticket', async () => {
    const api = inbox([notification('n1', { read_at: '2026-11-26T10:00:00Z' })]);
    const { queryClient } = renderWithProviders(<Header />);
    queryClient.setQueryData(['tickets', 'detail', 't5'], { id: 't5' });
    queryClient.setQueryData(['tickets', 'detail', 't6'], { id: 't6' });
    await screen.findByRole('button', { name: 'Notifications' });

    await waitFor(() => expect(sources.instances).toHaveLength(1));
    const source = sources.instances[0] as FakeEventSource;
    const url = new URL(source.url);
    expect(url.pathname).toBe('/api/v1/events/stream');
    expect(url.searchParams.get('token')).toBe('stream-1');
    expect(url.searchParams.has('last_event_id')).toBe(false);
    await source.accept();

    const news = notification('n2', { ticket_id: 't5', reference: 'POT-20', status: 'resolved' });
    api.arrive(news);
    await source.send('NotificationCreated', envelope('NotificationCreated', { user_id: 'user-1', notification: news }), '7.42');

    expect(await screen.findByRole('button', { name: 'Notifications, 1 unread' })).toBeInTheDocument();
    expect(queryClient.getQueryState(['tickets', 'detail', 't5'])?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(['tickets', 'detail', 't6'])?.isInvalidated).toBe(false);
  });

  it('comes back with a fresh stream token and the last event id when the stream is refused', async () => {
    inbox([]);
    renderWithProviders(<Header />);
    await waitFor(() => expect(sources.instances).toHaveLength(1));
    const first = sources.instances[0] as FakeEventSource;
    await first.accept();
    await first.send('NotificationCreated', envelope('NotificationCreated', { user_id: 'user-1', notification: notification('n1') }), '3.9');

    // The token expired while the connection was down: the server refuses the browser's retry.
    await first.fail({ closed: true });

    await waitFor(() => expect(sources.instances).toHaveLength(2), { timeout: 5000 });
    const again = new URL((sources.instances[1] as FakeEventSource).url);
    expect(again.searchParams.get('token')).toBe('stream-2');
    expect(again.searchParams.get('last_event_id')).toBe('3.9');
    expect(first.readyState).toBe(2);
  });

  it('closes the stream when the app goes', async () => {
    inbox([]);
    const { unmount } = renderWithProviders(<Header />);
    await waitFor(() => expect(sources.instances).toHaveLength(1));
    unmount();
    expect(sources.open).toEqual([]);
  });

  it('closes the stream when the person signs out', async () => {
    inbox([]);
    renderWithProviders(<Header />);
    await waitFor(() => expect(sources.open).toHaveLength(1));

    act(() => endSession('signed_out'));

    await waitFor(() => expect(sources.open).toEqual([]));
    expect(sources.instances).toHaveLength(1);
  });
});
