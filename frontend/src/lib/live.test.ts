import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { openLiveStream, type LiveEvent } from '@/lib/live';
import { envelope, installFakeEventSource, type FakeEventSource } from '@/testing/fake-event-source';

let sources: typeof FakeEventSource;

beforeEach(() => {
  sources = installFakeEventSource();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function stream(url = vi.fn((last: string | null) => Promise.resolve(`/stream?last=${last ?? ''}`))) {
  const events: LiveEvent[] = [];
  const opened: boolean[] = [];
  const stop = openLiveStream({
    url,
    types: ['StatusChanged'],
    onEvent: (event) => events.push(event),
    onOpen: (again) => opened.push(again),
  });
  return { events, opened, stop, url };
}

describe('openLiveStream', () => {
  it('passes on the events of the listed types, and skips what is not an envelope', async () => {
    const { events } = stream();
    await vi.runAllTimersAsync();
    const source = sources.instances[0] as FakeEventSource;

    await source.send('StatusChanged', envelope('StatusChanged', { ticket_id: 't1', to: 'resolved' }), '1.1');
    await source.send('StatusChanged', 'not json at all');
    await source.send('CommentAdded', envelope('CommentAdded', { ticket_id: 't1' }));

    expect(events.map((event) => event.data['to'])).toEqual(['resolved']);
  });

  it('opens a new stream with a fresh URL and the last id when the browser gives up, waiting longer each time', async () => {
    const { url, opened } = stream();
    await vi.runAllTimersAsync();
    const first = sources.instances[0] as FakeEventSource;
    await first.accept();
    await first.send('StatusChanged', envelope('StatusChanged', { ticket_id: 't1' }), '4.2');

    await first.fail({ closed: true });
    await vi.advanceTimersByTimeAsync(999);
    expect(sources.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources.instances[1]?.url).toBe('/stream?last=4.2');
    expect(url).toHaveBeenLastCalledWith('4.2');

    // Refused again at once: the pause doubles.
    await (sources.instances[1] as FakeEventSource).fail({ closed: true });
    await vi.advanceTimersByTimeAsync(1999);
    expect(sources.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(sources.instances).toHaveLength(3);

    await (sources.instances[2] as FakeEventSource).accept();
    expect(opened).toEqual([false, true]);
  });

  it('leaves a dropped connection to the browser, which reconnects by itself', async () => {
    stream();
    await vi.runAllTimersAsync();
    const source = sources.instances[0] as FakeEventSource;
    await source.accept();

    await source.fail({ closed: false });
    await vi.advanceTimersByTimeAsync(60_000);

    expect(sources.instances).toHaveLength(1);
    expect(source.readyState).not.toBe(2);
  });

  it('tries again later when the URL cannot be had (no stream token), and stops for good', async () => {
    const url = vi.fn<(last: string | null) => Promise<string>>().mockRejectedValueOnce(new Error('503'));
    url.mockResolvedValue('/stream');
    const { stop } = stream(url);
    await vi.advanceTimersByTimeAsync(0);
    expect(sources.instances).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sources.instances).toHaveLength(1);

    stop();
    expect(sources.open).toEqual([]);
    await (sources.instances[0] as FakeEventSource).fail({ closed: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sources.instances).toHaveLength(1);
  });
});
