import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

import { TicketDetails } from '@/features/tickets/components/ticket-details';
import { resetSessionForTests, startSession } from '@/lib/session';
import { buildTicket, buildTokenPair } from '@/testing/fixtures';
import { errorResponse, jsonResponse, mockApi, renderWithProviders } from '@/testing/test-utils';

const ticket = buildTicket({ id: 't1', status: 'in_progress', support_count: 2 });

const timeline = {
  view: 'public',
  next_cursor: null,
  data: [
    { sequence: 1, kind: 'created', event_type: 'TicketCreated', at: '2026-11-20T09:30:00Z', actor_role: 'citizen' },
    {
      sequence: 2,
      kind: 'status_changed',
      event_type: 'StatusChanged',
      at: '2026-11-21T10:00:00Z',
      actor_role: 'operator',
      actor_name: 'Olga Operator',
      from: 'assigned',
      to: 'in_progress',
      note: 'Crew on the way',
    },
    {
      sequence: 3,
      kind: 'comment',
      event_type: 'CommentAdded',
      at: '2026-11-21T11:00:00Z',
      actor_role: 'citizen',
      by_reporter: true,
      body: 'It is getting deeper',
    },
  ],
};

afterEach(() => resetSessionForTests());

function api(extra: Parameters<typeof mockApi>[0] = {}) {
  return mockApi({
    'GET /api/v1/tickets/t1': () => jsonResponse(ticket),
    'GET /api/v1/tickets/t1/timeline': () => jsonResponse(timeline),
    ...extra,
  });
}

describe('TicketDetails', () => {
  it('shows reference, status, description and the timeline', async () => {
    api();

    renderWithProviders(<TicketDetails ticketId="t1" />);

    expect(await screen.findByRole('heading', { level: 1, name: 'POT-2026-0001' })).toBeInTheDocument();
    expect(screen.getByText('In progress')).toBeInTheDocument();
    expect(screen.getByText('Deep pothole in front of the bakery')).toBeInTheDocument();
    expect(screen.getByText('2 people have this problem too')).toBeInTheDocument();

    const history = await screen.findByRole('list');
    const entries = within(history).getAllByRole('listitem');
    expect(entries).toHaveLength(3);
    expect(entries[1]).toHaveTextContent('Status changed to In progress');
    expect(entries[1]).toHaveTextContent('by Olga Operator');
    expect(entries[1]).toHaveTextContent('Crew on the way');
    expect(entries[2]).toHaveTextContent('by a citizen (reporter)');
    expect(entries[2]).toHaveTextContent('It is getting deeper');
  });

  it('asks visitors to sign in instead of offering comment, follow and me too', async () => {
    api();

    renderWithProviders(<TicketDetails ticketId="t1" />);

    expect(await screen.findByRole('link', { name: 'Sign in to comment.' })).toHaveAttribute(
      'href',
      '/login?next=%2F',
    );
    expect(screen.queryByRole('button', { name: 'Me too' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
  });

  it('says so when the ticket does not exist', async () => {
    api({ 'GET /api/v1/tickets/t1': () => errorResponse(404, 'not_found', 'No such ticket.') });

    renderWithProviders(<TicketDetails ticketId="t1" />);

    expect(await screen.findByRole('alert')).toHaveTextContent('There is no report with this address.');
  });

  it('posts a comment when signed in and reloads the timeline', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    let timelineLoads = 0;
    const { requests } = api({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'GET /api/v1/tickets/t1/timeline': () => {
        timelineLoads += 1;
        return jsonResponse(timeline);
      },
      'POST /api/v1/tickets/t1/comments': () => jsonResponse({ id: 'c1' }, 201),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Add a comment'), 'Still there this morning');
    await user.click(screen.getByRole('button', { name: 'Post comment' }));

    expect(await screen.findByText('Your comment was posted.')).toBeInTheDocument();
    const post = requests.find((r) => r.method === 'POST');
    expect(await post?.json()).toEqual({ body: 'Still there this morning', visibility: 'public' });
    expect(post?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(screen.getByLabelText('Add a comment')).toHaveValue('');
    expect(timelineLoads).toBe(2);
  });

  it('shows the API message when a comment is refused', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    api({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'POST /api/v1/tickets/t1/comments': () =>
        errorResponse(409, 'ticket_closed', 'This ticket is closed; comments are no longer possible.'),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Add a comment'), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Post comment' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This ticket is closed; comments are no longer possible.',
    );
    expect(screen.getByLabelText('Add a comment')).toHaveValue('Hello');
  });

  it('offers no "me too" to the reporter, nor on a closed ticket', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    let view = { ...ticket, view: 'reporter' };
    api({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'GET /api/v1/tickets/t1': () => jsonResponse(view),
    });
    const { queryClient } = renderWithProviders(<TicketDetails ticketId="t1" />);

    expect(await screen.findByRole('button', { name: 'Follow' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Me too' })).not.toBeInTheDocument();

    view = { ...ticket, status: 'closed' };
    await queryClient.invalidateQueries();
    expect(await screen.findByText('Closed')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Me too' })).not.toBeInTheDocument();
  });

  it('follows, unfollows and counts a "me too"', async () => {
    startSession(buildTokenPair('access-1', 'refresh-1'));
    const { requests } = api({
      'GET /api/v1/auth/me': () => jsonResponse(buildTokenPair('a', 'r').user),
      'POST /api/v1/tickets/t1/follow': () => jsonResponse({ ticket_id: 't1', following: true }),
      'DELETE /api/v1/tickets/t1/follow': () => jsonResponse({ ticket_id: 't1', following: false }),
      'POST /api/v1/tickets/t1/support': () => jsonResponse({ ...ticket, support_count: 3 }),
    });
    renderWithProviders(<TicketDetails ticketId="t1" />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Follow' }));
    const stop = await screen.findByRole('button', { name: 'Following — stop' });
    expect(stop).toHaveAttribute('aria-pressed', 'true');
    await user.click(stop);
    expect(await screen.findByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'false');

    await user.click(screen.getByRole('button', { name: 'Me too' }));
    expect(await screen.findByText('3 people have this problem too')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Me too' })).toBeDisabled();

    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/tickets/t1/follow',
        'DELETE /api/v1/tickets/t1/follow',
        'POST /api/v1/tickets/t1/support',
      ]),
    );
  });
});
