import { describe, expect, it } from 'vitest';

import { mostUrgent } from '@/features/map/components/ticket-map';

describe('mostUrgent', () => {
  it('picks the status that most needs attention', () => {
    expect(mostUrgent(['resolved', 'in_progress', 'triaged'])).toBe('triaged');
    expect(mostUrgent(['closed', 'reopened'])).toBe('reopened');
    expect(mostUrgent(['duplicate'])).toBe('duplicate');
  });
});
