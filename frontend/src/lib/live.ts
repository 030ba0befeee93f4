import { useEffect, useRef } from 'react';

/**
 * Live updates over Server-Sent Events. The gateway sends each event with `event:` its type,
 * `id:` where to resume, and `data:` the event's envelope.
 */

export type LiveEvent = {
  event_id: string;
  event_type: string;
  municipality_id: string;
  aggregate_id: string;
  data: Record<string, unknown>;
};

type StreamOptions = {
  /** The URL to connect to; called again for every new connection, with the last id received. */
  url: (lastEventId: string | null) => Promise<string>;
  /** The event types to listen for (SSE `event:` names). */
  types: readonly string[];
  onEvent: (event: LiveEvent) => void;
  /** Each time a connection opens; `again` after the first, when something may have been missed. */
  onOpen?: (again: boolean) => void;
};

const CLOSED = 2;
const LONGEST_PAUSE_MS = 30_000;

export function liveSupported(): boolean {
  return typeof window !== 'undefined' && typeof window.EventSource === 'function';
}

function parse(raw: unknown): LiveEvent | null {
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as unknown;
    if (typeof value !== 'object' || value === null || !('event_type' in value) || !('data' in value)) return null;
    const event = value as LiveEvent;
    return typeof event.data === 'object' && event.data !== null ? event : null;
  } catch {
    return null;
  }
}

/**
 * An EventSource that keeps coming back. After a dropped connection the browser reconnects by
 * itself (sending Last-Event-ID); when it gives up (the server refused, e.g. an expired stream
 * token, or is unreachable), a new EventSource opens with a fresh URL after a pause that grows
 * up to 30 s. Returns the function that stops it.
 */
export function openLiveStream({ url, types, onEvent, onOpen }: StreamOptions): () => void {
  let source: EventSource | null = null;
  let stopped = false;
  let opened = false;
  let failures = 0;
  let lastEventId: string | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function retryLater() {
    if (stopped) return;
    const pause = Math.min(LONGEST_PAUSE_MS, 1000 * 2 ** Math.min(failures, 5));
    failures += 1;
    timer = setTimeout(() => void connect(), pause);
  }

  async function connect() {
    let href: string;
    try {
      href = await url(lastEventId);
    } catch {
      retryLater();
      return;
    }
    if (stopped) return;
    const current = new EventSource(href);
    source = current;
    current.addEventListener('open', () => {
      failures = 0;
      onOpen?.(opened);
      opened = true;
    });
    for (const type of types) {
      current.addEventListener(type, (message) => {
        const { data, lastEventId: id } = message as MessageEvent<unknown>;
        if (id) lastEventId = id;
        const event = parse(data);
        if (event) onEvent(event);
      });
    }
    current.addEventListener('error', () => {
      if (current.readyState !== CLOSED) return; // the browser is reconnecting by itself
      current.close();
      retryLater();
    });
  }

  void connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    source?.close();
  };
}

/**
 * Keep a live stream open while `streamKey` is set (a new key opens a new stream). The latest
 * callbacks are used without reconnecting. Does nothing where the browser has no EventSource.
 */
export function useLiveStream(streamKey: string | null, options: StreamOptions) {
  const latest = useRef(options);
  useEffect(() => {
    latest.current = options;
  });
  useEffect(() => {
    if (streamKey === null || !liveSupported()) return;
    return openLiveStream({
      url: (lastEventId) => latest.current.url(lastEventId),
      types: latest.current.types,
      onEvent: (event) => latest.current.onEvent(event),
      onOpen: (again) => latest.current.onOpen?.(again),
    });
  }, [streamKey]);
}
