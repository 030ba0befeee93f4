import { describe, expect, it } from 'vitest';

import { photoStillProcessing } from '@/features/report/api/create-ticket';
import { ApiError } from '@/lib/api-client';

describe('photoStillProcessing', () => {
  it('retries only a photo the service does not know yet, a few times', () => {
    const pending = new ApiError(422, 'photo_not_available', 'still being processed');
    expect(photoStillProcessing(0, pending)).toBe(true);
    expect(photoStillProcessing(2, pending)).toBe(true);
    expect(photoStillProcessing(3, pending)).toBe(false);
    expect(photoStillProcessing(0, new ApiError(422, 'answer_required', 'Please answer'))).toBe(false);
    expect(photoStillProcessing(0, new ApiError(0, 'network_error', 'offline'))).toBe(false);
  });
});
