import { act } from '@testing-library/react';
import { vi } from 'vitest';

type Listener = (event: unknown) => void;

class Listeners {
  private readonly byType = new Map<string, Listener[]>();

  addEventListener(type: string, listener: Listener) {
    this.byType.set(type, [...(this.byType.get(type) ?? []), listener]);
  }

  fire(type: string, event: unknown = {}) {
    for (const listener of this.byType.get(type) ?? []) listener(event);
  }
}

/**
 * XMLHttpRequest at the browser boundary, for uploads: a test sees what was sent and decides,
 * step by step, how far the upload got and what the server answered.
 */
export class FakeXhr extends Listeners {
  static sent: FakeXhr[] = [];

  readonly upload = new Listeners();
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name.toLowerCase()] = value;
  }

  send(body: unknown) {
    this.body = body;
    FakeXhr.sent.push(this);
  }

  abort() {
    this.aborted = true;
    this.fire('abort');
  }

  /** The file sent as multipart field `file`. */
  get file(): File {
    return (this.body as FormData).get('file') as File;
  }

  async progress(loaded: number, total: number) {
    await act(async () => this.upload.fire('progress', { lengthComputable: true, loaded, total }));
  }

  async respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    await act(async () => this.fire('load'));
  }

  async failNetwork() {
    await act(async () => this.fire('error'));
  }
}

export function installFakeXhr(): typeof FakeXhr {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return FakeXhr;
}
