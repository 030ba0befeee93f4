import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { TicketDetails } from '@/features/tickets/components/ticket-details';
import { resetSessionForTests, startSession } from '@/lib/session';
import { seriousViolations } from '@/testing/axe';
import { envelope, installFakeEventSource, type FakeEventSource } from '@/testing/fake-event-source';
import { buildTicket, buildTokenPair } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const created = { sequence: 1, kind: 'created', event_type: 'TicketCreated', at: '2026-11-20T09:30:00Z', actor_role: 'citizen' };
const resolvedEntry = {
  sequence: 5,
  kind: 'status_changed',
  event_type: 'StatusChanged',
  at: '2026-11-27T10:00:00Z',
  actor_role: 'operator',
  actor_name: 'Olga Operator',
  from: 'in_progress',
  to: 'resolved',
  note: 'Filled with asphalt',
};
const page = (...data: unknown[]) => ({ view: 'reporter', next_cursor: null, data });

let sources: typeof FakeEventSource;

beforeEach(() => {
  sources = installFakeEventSource();
});
afterEach(() => resetSessionForTests());

describe('the live ticket page', () => {
  it('follows the municipality live and reloads when this ticket changes status', async () => {
    let current = buildTicket({ id: 't1', status: 'in_progress' });
    let timelineLoads = 0;
    mockApi({
      'GET /api/v1/tickets/t1': () => jsonResponse(current),
      'GET /api/v1/tickets/t1/timeline': () => {
        timelineLoads += 1;
        return jsonResponse(page(created));
      },
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    expect(await screen.findByText('In progress')).toBeInTheDocument();

    const [source] = sources.instances;
    expect(source?.url).toMatch(/\/api\/v1\/live\/municipalities\/municipality-a$/);
    await source?.accept();

    // Another ticket of the municipality: nothing to reload.
    await source?.send('StatusChanged', envelope('StatusChanged', { ticket_id: 't2', from: 'received', to: 'triaged' }));
    expect(timelineLoads).toBe(1);

    current = { ...current, status: 'resolved' };
    await source?.send('StatusChanged', envelope('StatusChanged', { ticket_id: 't1', from: 'in_progress', to: 'resolved' }));

    expect(await screen.findByText('Resolved')).toBeInTheDocument();
    expect(screen.getByText('Update: the status is now Resolved.')).toBeInTheDocument();
    await waitFor(() => expect(timelineLoads).toBe(2));
  });

  it('catches up after the connection comes back, and closes the stream when the page goes', async () => {
    let ticketLoads = 0;
    mockApi({
      'GET /api/v1/tickets/t1': () => {
        ticketLoads += 1;
        return jsonResponse(buildTicket({ id: 't1' }));
      },
      'GET /api/v1/tickets/t1/timeline': () => jsonResponse(page(created)),
    });
    const { unmount } = renderWithProviders(<TicketDetails ticketId="t1" />);
    await screen.findByText('Received');
    const [source] = sources.instances;
    await source?.accept();
    expect(ticketLoads).toBe(1);

    await source?.fail({ closed: false }); // the browser reconnects by itself
    await source?.accept();

    await waitFor(() => expect(ticketLoads).toBe(2));
    unmount();
    expect(sources.open).toEqual([]);
  });

  it('lets the reporter rate a resolved ticket', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    const resolved = buildTicket({ id: 't1', status: 'resolved', view: 'reporter' });
    let entries: unknown[] = [created, resolvedEntry];
    const { requests } = mockApi({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'GET /api/v1/tickets/t1': () => jsonResponse(resolved),
      'GET /api/v1/tickets/t1/timeline': () => jsonResponse(page(...entries)),
      'GET /api/v1/tickets/t1/follow': () => jsonResponse({ ticket_id: 't1', following: true }),
      'POST /api/v1/tickets/t1/feedback': () => {
        entries = [...entries, { sequence: 6, kind: 'feedback', event_type: 'FeedbackSubmitted', at: '2026-11-27T11:00:00Z', actor_role: 'citizen', rating: 5, by_reporter: true }];
        return jsonResponse(resolved);
      },
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    const user = userEvent.setup();

    const section = await screen.findByRole('region', { name: 'Was it fixed?' });
    const send = await within(section).findByRole('button', { name: 'Send rating' });
    expect(send).toBeDisabled();
    await user.click(within(section).getByRole('radio', { name: 'Very good (5 of 5)' }));
    await user.type(within(section).getByLabelText('Comment (optional)'), 'Quick work, thanks');
    await user.click(send);

    expect(await within(section).findByText('You rated this repair 5 of 5. Thank you.')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/feedback'));
    expect(await post?.json()).toEqual({ rating: 5, comment: 'Quick work, thanks' });
    expect(await seriousViolations()).toEqual([]);
  });

  it('shows an earlier rating of this resolution instead of asking again', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    mockApi({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'GET /api/v1/tickets/t1': () => jsonResponse(buildTicket({ id: 't1', status: 'resolved', view: 'reporter' })),
      'GET /api/v1/tickets/t1/timeline': () =>
        jsonResponse(page(created, resolvedEntry, { sequence: 6, kind: 'feedback', event_type: 'FeedbackSubmitted', at: '2026-11-27T11:00:00Z', actor_role: 'citizen', rating: 3 })),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);

    expect(await screen.findByText('You rated this repair 3 of 5. Thank you.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Send rating' })).not.toBeInTheDocument();
  });

  it('reopens as "still broken", and shows why when it is too late', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    let answer = () =>
      errorResponse(409, 'reopen_window_passed', 'It is more than 30 days since this was resolved; report it again.');
    const { requests } = mockApi({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'GET /api/v1/tickets/t1': () => jsonResponse(buildTicket({ id: 't1', status: 'resolved', view: 'reporter' })),
      'GET /api/v1/tickets/t1/timeline': () => jsonResponse(page(created, resolvedEntry)),
      'POST /api/v1/tickets/t1/status': () => answer(),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Still broken' }));
    await user.type(screen.getByLabelText('What is still wrong? (optional)'), 'The hole is back');
    await user.click(screen.getByRole('button', { name: 'Reopen the report' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('It is more than 30 days since this was resolved');

    answer = () => jsonResponse(buildTicket({ id: 't1', status: 'reopened', view: 'reporter' }));
    await user.click(screen.getByRole('button', { name: 'Reopen the report' }));

    expect(await screen.findByText('Reopened')).toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Was it fixed?' })).not.toBeInTheDocument();
    const post = requests.filter((r) => r.method === 'POST').at(-1);
    expect(await post?.json()).toEqual({ status: 'reopened', note: 'The hole is back', photo_ids: [] });
  });

  it('offers nothing to rate to people other than the reporter', async () => {
    mockApi({
      'GET /api/v1/tickets/t1': () => jsonResponse(buildTicket({ id: 't1', status: 'resolved', view: 'public' })),
      'GET /api/v1/tickets/t1/timeline': () => jsonResponse(page(created, resolvedEntry)),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);

    await screen.findByText('Resolved');
    expect(screen.queryByRole('region', { name: 'Was it fixed?' })).not.toBeInTheDocument();
  });

  it('shows the photos as thumbnails that open the full image, without hidden ones', async () => {
    mockApi({
      'GET /api/v1/tickets/t1': () =>
        jsonResponse(
          buildTicket({ id: 't1', photo_ids: ['m1', 'm2', 'm3'], hidden_photo_ids: ['m2'], after_photo_ids: ['m9'] }),
        ),
      'GET /api/v1/tickets/t1/timeline': () => jsonResponse(page(created)),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    const user = userEvent.setup();

    const photos = await screen.findByRole('region', { name: 'Photos' });
    const thumbnails = within(photos).getAllByRole('img');
    expect(thumbnails.map((img) => img.getAttribute('src'))).toEqual([
      `${window.location.origin}/api/v1/media/m1/thumbnail`,
      `${window.location.origin}/api/v1/media/m3/thumbnail`,
    ]);
    expect(within(screen.getByRole('region', { name: 'After the repair' })).getByRole('img')).toHaveAccessibleName(
      'Photo after the repair, 1 of 1',
    );

    await user.click(within(photos).getByRole('button', { name: 'Photo 2 of 2' }));
    const dialog = await screen.findByRole('dialog', { name: 'Photo 2 of 2' });
    expect(within(dialog).getByRole('img')).toHaveAttribute('src', `${window.location.origin}/api/v1/media/m3`);
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

    // A photo that cannot be loaded without a token (hidden, seen by its reporter) is left out.
    fireEvent.error(within(photos).getByRole('img', { name: 'Photo 1 of 2' }));
    expect(within(photos).getAllByRole('img')).toHaveLength(1);
  });
});
