import { ScoringError } from '../../../../../common/intelligence/model-scorer';

/**
 * Reads one of the app's own files (a model, the ONNX runtime's WebAssembly) as bytes, on the page or in a worker.
 * `url` must be absolute (a worker resolves relative URLs against its own script). Fails with PRED001 naming the file.
 */
export async function appFileBytes(url: string, what: string): Promise<ArrayBuffer> {
  const absolute = new URL(url);
  try {
    const bytes = absolute.protocol === 'file:' ? await xhrBytes(absolute.href) : await fetchBytes(absolute.href);
    if (bytes.byteLength === 0) throw new Error('empty file');
    return bytes;
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ScoringError('PRED001', `The ${what} could not be read (${absolute.pathname.split('/').pop()}: ${reason})`, { cause });
  }
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.arrayBuffer();
}

/** XMLHttpRequest reads file:// URLs, which fetch() refuses (Electron loads the app from files). */
function xhrBytes(url: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('GET', url);
    request.responseType = 'arraybuffer';
    request.onload = () => (request.status === 0 || (request.status >= 200 && request.status < 300) ? resolve(request.response as ArrayBuffer) : reject(new Error(`HTTP ${request.status}`)));
    request.onerror = () => reject(new Error('network error'));
    request.send();
  });
}
