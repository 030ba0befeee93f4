import { ApiError, apiUrl, toApiError, type components } from '@/lib/api-client';
import { currentAccessToken, readRefreshToken, refreshSession } from '@/lib/session';

export type PhotoUpload = components['schemas']['PhotoUpload'];

type Options = {
  /** Called with the share sent so far, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
};

type Answer = { status: number; statusText: string; text: string };

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * One POST of the file as multipart field `file`. XMLHttpRequest rather than fetch: only it
 * reports how much of the body has been sent, which the progress bar shows.
 */
function send(file: File, token: string | null, { onProgress, signal }: Options): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('The upload was cancelled.', 'AbortError'));
      return;
    }
    const request = new XMLHttpRequest();
    request.open('POST', apiUrl('/api/v1/media'));
    request.setRequestHeader('Accept', 'application/json');
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(event.loaded / event.total);
    });
    request.addEventListener('load', () =>
      resolve({ status: request.status, statusText: request.statusText, text: request.responseText }),
    );
    request.addEventListener('error', () =>
      reject(new ApiError(0, 'network_error', 'Could not reach the CityFix server.')),
    );
    request.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    signal?.addEventListener('abort', () => request.abort(), { once: true });
    const body = new FormData();
    body.append('file', file);
    request.send(body);
  });
}

/**
 * Upload one photo for a report. Uses the session like every other call: refreshes the access
 * token first when it is about to expire, and once more after a 401. Failures throw an ApiError
 * with the API's message (413 too large, 415 not an image, 422 unreadable or too many pixels).
 */
export async function uploadPhoto(file: File, options: Options = {}): Promise<PhotoUpload> {
  let token = currentAccessToken();
  if (!token && readRefreshToken()) {
    await refreshSession();
    token = currentAccessToken();
  }
  let answer = await send(file, token, options);
  if (answer.status === 401 && token && (await refreshSession()) === 'refreshed') {
    answer = await send(file, currentAccessToken(), options);
  }
  const body = parse(answer.text);
  if (answer.status < 200 || answer.status >= 300) throw toApiError(answer.status, answer.statusText, body);
  return body as PhotoUpload;
}
