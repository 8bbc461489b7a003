/**
 * Resolves in a later task of the event loop, so whatever is queued (input, rendering, IndexedDB callbacks, other
 * writes) runs first. Promise continuations run in the task that resolved them: without this, a chain of awaited
 * writes (RxDB's change events after one chunk, the next chunk's validation and `put` calls) is one long task.
 * `scheduler.yield()` where the host has it (Chromium: the continuation goes before other queued tasks of its
 * priority, after input); else a MessageChannel message (a task with no timer clamping, unlike `setTimeout(0)`).
 */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
