// The globals common/ may use, and only these: what every host of the shared core has (Chromium's page and workers,
// Electron's main process, Node 20 for the server and tests). common/tsconfig.json compiles common/ against this file
// and the ECMAScript library alone, with neither the DOM's types nor Node's, as VS Code's layer checker does; the
// root tsconfig leaves this file out and checks the same code against the real DOM and Node types. Declare only the
// members common/ uses; a new global belongs here only if every host above has it.
export {};

declare global {
  // Timers and clocks.
  interface TimerHandle {
    readonly __timer?: never;
  }
  function setTimeout(handler: () => void, ms?: number): TimerHandle;
  function clearTimeout(handle: TimerHandle | undefined): void;
  const performance: { now(): number };
  // Yielding to the event loop without a timer (common/clock/yield-to-main.ts).
  interface MessagePort {
    onmessage: ((event: unknown) => void) | null;
    postMessage(message: unknown): void;
    close(): void;
  }
  class MessageChannel {
    readonly port1: MessagePort;
    readonly port2: MessagePort;
  }

  // Values and text.
  function structuredClone<T>(value: T): T;
  const crypto: { randomUUID(): string };
  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
    decode(input?: Uint8Array): string;
  }

  // Cancellation.
  interface AbortSignal {
    readonly aborted: boolean;
    readonly reason: unknown;
    addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
    removeEventListener(type: 'abort', listener: () => void): void;
  }
  class AbortController {
    readonly signal: AbortSignal;
    abort(reason?: unknown): void;
  }

  // HTTP (the sync client): fetch, its response body as a stream of text.
  interface ReadableStreamDefaultReader<T> {
    read(): Promise<{ done: true; value?: undefined } | { done: false; value: T }>;
  }
  interface ReadableStream<T> {
    pipeThrough<U>(transform: { readable: ReadableStream<U>; writable: unknown }): ReadableStream<U>;
    getReader(): ReadableStreamDefaultReader<T>;
  }
  class TextDecoderStream {
    readonly readable: ReadableStream<string>;
    readonly writable: unknown;
  }
  interface RequestInit {
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    signal?: AbortSignal;
  }
  interface Response {
    readonly ok: boolean;
    readonly status: number;
    readonly statusText: string;
    readonly headers: { get(name: string): string | null };
    readonly body: ReadableStream<Uint8Array> | null;
    json(): Promise<unknown>;
  }
  function fetch(input: string, init?: RequestInit): Promise<Response>;
  class URLSearchParams {
    constructor(init?: Record<string, string>);
    set(name: string, value: string): void;
    toString(): string;
  }

  // IndexedDB, the local book's storage (in Node tests: fake-indexeddb).
  interface IDBKeyRange {
    readonly upper: any;
    readonly upperOpen: boolean;
  }
  interface IDBRequest<T> {
    readonly result: T;
    readonly error: unknown;
    onsuccess: (() => void) | null;
    onerror: (() => void) | null;
  }
  interface IDBIndex {
    readonly keyPath: string | string[];
    getAll(query?: IDBKeyRange, count?: number): IDBRequest<unknown[]>;
  }
  interface IDBObjectStore {
    readonly keyPath: string | string[] | null;
    getAll(query?: IDBKeyRange, count?: number): IDBRequest<unknown[]>;
    index(name: string): IDBIndex;
  }
  interface IDBTransaction {
    objectStore(name: string): IDBObjectStore;
  }
}
