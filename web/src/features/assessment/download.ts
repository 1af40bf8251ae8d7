// Downloads a generated file with the session cookie, reporting progress as the bytes arrive.
import { ApiError, buildUrl, type Query } from '../../api/client';
import { getLang, translate } from '../../i18n';

export async function downloadWithProgress(
  path: string,
  query: Query,
  onProgress: (percent: number) => void,
): Promise<void> {
  const res = await fetch(buildUrl(path, query), {
    credentials: 'same-origin',
    headers: { 'Accept-Language': getLang() },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new ApiError(res.status, {
      code: body?.code ?? `HTTP_${res.status}`,
      message: body?.message ?? translate('error.http', { status: res.status }),
    });
  }
  const total = Number(res.headers.get('content-length') ?? 0);
  const reader = res.body!.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.length;
    if (total) onProgress(Math.min(99, Math.round((got / total) * 100)));
  }
  onProgress(100);
  const name = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('content-disposition') ?? '')?.[1];
  const url = URL.createObjectURL(
    new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = name ? decodeURIComponent(name) : 'bulletin';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
