import { describe, expect, it } from 'vitest';

import { assignMany } from '@/features/staff/api/assign-ticket';
import { ApiError } from '@/lib/api-client';
import { bodyOf } from '@/testing/staff';
import { errorResponse, jsonResponse, mockApi } from '@/testing/test-utils';

describe('assigning several tickets at once', () => {
  it('sends one request per ticket and reports each outcome, failures included', async () => {
    const { requests } = mockApi({
      'POST /api/v1/tickets/:id/assignment': (request) =>
        request.url.includes('/t2/')
          ? errorResponse(409, 'ticket_not_open', 'POT-2 is resolved; only open tickets can be assigned.')
          : jsonResponse({}),
    });
    const outcomes = await assignMany(
      [
        { id: 't1', reference: 'POT-1' },
        { id: 't2', reference: 'POT-2' },
        { id: 't3', reference: 'POT-3' },
      ],
      'operator-1',
      2,
    );

    expect(requests.map((r) => new URL(r.url).pathname).sort()).toEqual([
      '/api/v1/tickets/t1/assignment',
      '/api/v1/tickets/t2/assignment',
      '/api/v1/tickets/t3/assignment',
    ]);
    for (const request of requests) expect(await bodyOf(request)).toEqual({ operator_id: 'operator-1' });
    expect(outcomes.map((o) => [o.ticket.reference, o.ok])).toEqual([
      ['POT-1', true],
      ['POT-2', false],
      ['POT-3', true],
    ]);
    const failed = outcomes[1];
    expect(failed && !failed.ok && failed.error instanceof ApiError && failed.error.message).toBe(
      'POT-2 is resolved; only open tickets can be assigned.',
    );
  });
});
