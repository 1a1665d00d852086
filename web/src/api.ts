// The HTTP client of the admin UI: JSON requests with the session cookie and
// the CSRF header, uploads with progress, file downloads. Errors become
// ApiError with the server's Russian message. UI thread.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let csrfToken = '';
let onUnauthenticated: () => void = () => {};

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when a request (other than the login itself) gets 401: the session
// ended, so the UI shows the login form.
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

const kNetworkError = 'Нет связи с сервером RoboCall. Проверьте, что он запущен, и повторите.';

function fallbackMessage(status: number): string {
  if (status === 413) return 'Файл слишком большой.';
  if (status >= 500) return `Ошибка на сервере (код ${status}). Повторите позже.`;
  return `Запрос не выполнен (код ${status}).`;
}

function errorFrom(status: number, bodyText: string): ApiError {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) return new ApiError(status, parsed.error.code ?? '', parsed.error.message);
  } catch {
    // Not JSON (a proxy's page, say): fall through to the generic message.
  }
  return new ApiError(status, '', fallbackMessage(status));
}

function isStateChanging(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

async function send(method: string, path: string, body?: BodyInit, contentType?: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (contentType) headers['Content-Type'] = contentType;
  if (isStateChanging(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body ?? null, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', kNetworkError);
  }
  if (!response.ok) {
    const error = errorFrom(response.status, await response.text());
    if (response.status === 401 && path !== '/api/login') onUnauthenticated();
    throw error;
  }
  return response;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await send(
    method,
    path,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? undefined : 'application/json',
  );
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const get = <T>(path: string): Promise<T> => request<T>('GET', path);
export const post = <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body);
export const put = <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body);
export const del = <T>(path: string): Promise<T> => request<T>('DELETE', path);
export const patch = <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body);

// POST a file as multipart field `file` (and any `fields` beside it),
// reporting upload progress (0..1). XMLHttpRequest, because fetch has no
// upload progress.
export function upload<T>(
  path: string,
  file: File,
  onProgress: (fraction: number) => void,
  fields: Record<string, string> = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('Accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, 'internal', 'Сервер вернул непонятный ответ.'));
        }
        return;
      }
      if (xhr.status === 401) onUnauthenticated();
      reject(errorFrom(xhr.status, xhr.responseText));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', kNetworkError)));
    const form = new FormData();
    form.append('file', file, file.name);
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    xhr.send(form);
  });
}

// The file name from Content-Disposition, preferring the UTF-8 filename*.
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Malformed escape: try the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header);
  return plain?.[1] || fallback;
}

// GET binary content (a WAV to play, say); errors carry the server's message.
export async function getBlob(path: string): Promise<Blob> {
  return (await send('GET', path)).blob();
}

// PUT or POST raw bytes (a WAV, a ZIP) under their content type; the JSON answer.
export async function sendBytes<T>(method: 'PUT' | 'POST', path: string, body: Blob, contentType: string): Promise<T> {
  return (await send(method, path, body, contentType)).json() as Promise<T>;
}

// GET binary content with the answer's headers (an audio's X-Robocall-Voice, say).
export async function getBlobWithHeaders(path: string): Promise<{ blob: Blob; headers: Headers }> {
  const response = await send('GET', path);
  return { blob: await response.blob(), headers: response.headers };
}

// GET a file and hand it to the browser as a download under the server's name.
export async function download(path: string, fallbackName: string): Promise<string> {
  const response = await send('GET', path);
  const name = dispositionFilename(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Непредвиденная ошибка в браузере. Обновите страницу.';
}
