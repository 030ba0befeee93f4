import { act } from '@testing-library/react';
import { vi } from 'vitest';

type Listener = (event: Event) => void;

/**
 * EventSource at the browser boundary: a test sees which streams the app opened and plays the
 * server's part (open, send an event, drop or refuse the connection).
 */
export class FakeEventSource {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  static instances: FakeEventSource[] = [];

  readonly url: string;
  readyState = FakeEventSource.CONNECTING;
  private readonly listeners = new Map<string, Listener[]>();

  constructor(url: string | URL) {
    this.url = String(url);
    FakeEventSource.instances.push(this);
  }

  /** The streams not closed by the app. */
  static get open(): FakeEventSource[] {
    return FakeEventSource.instances.filter((source) => source.readyState !== FakeEventSource.CLOSED);
  }

  addEventListener(type: string, listener: Listener) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: Listener) {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== listener));
  }

  close() {
    this.readyState = FakeEventSource.CLOSED;
  }

  private fire(type: string, event: Event) {
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }

  /** The server accepted the connection. */
  async accept() {
    this.readyState = FakeEventSource.OPEN;
    await act(async () => this.fire('open', new Event('open')));
  }

  /** The server sends one event: `event:` type, `id:` id, `data:` the envelope. */
  async send(type: string, envelope: unknown, id = '') {
    await act(async () =>
      this.fire(type, new MessageEvent(type, { data: JSON.stringify(envelope), lastEventId: id })),
    );
  }

  /** The connection failed: `closed` when the browser gives up (a refusal), else it retries by itself. */
  async fail({ closed }: { closed: boolean }) {
    this.readyState = closed ? FakeEventSource.CLOSED : FakeEventSource.CONNECTING;
    await act(async () => this.fire('error', new Event('error')));
  }
}

export function installFakeEventSource(): typeof FakeEventSource {
  FakeEventSource.instances = [];
  vi.stubGlobal('EventSource', FakeEventSource);
  return FakeEventSource;
}

/** A live event's envelope as the gateway sends it. */
export function envelope(eventType: string, data: Record<string, unknown>, municipalityId = 'municipality-a') {
  return {
    event_id: `event-${Math.random().toString(36).slice(2)}`,
    event_type: eventType,
    schema_version: 1,
    occurred_at: '2026-11-27T10:00:00Z',
    municipality_id: municipalityId,
    aggregate_id: typeof data['ticket_id'] === 'string' ? data['ticket_id'] : 'aggregate',
    sequence: 2,
    actor: { system: 'test' },
    correlation_id: 'test',
    causation_id: null,
    data,
  };
}
