import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWindowStateStore, fitWindowState, parseWindowState, WINDOW_DEFAULTS, type WorkArea } from './window-state';

const laptop: WorkArea = { x: 0, y: 0, width: 1920, height: 1050 };
const rightMonitor: WorkArea = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('reads a saved state and defaults isMaximized', () => {
    expect(parseWindowState('{"x":10,"y":20,"width":1300,"height":900}')).toEqual({
      x: 10,
      y: 20,
      width: 1300,
      height: 900,
      isMaximized: false,
    });
  });

  it.each([
    ['missing', null],
    ['empty', ''],
    ['not JSON', '{"x":10,'],
    ['not an object', '[1,2]'],
    ['a negative width', '{"x":0,"y":0,"width":-5,"height":900}'],
    ['a string coordinate', '{"x":"0","y":0,"width":1300,"height":900}'],
  ])('returns null for %s', (_label, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('fitWindowState', () => {
  it('opens at the default size centred on the primary display when nothing was saved', () => {
    expect(fitWindowState(null, [laptop, rightMonitor])).toEqual({
      x: (1920 - 1280) / 2,
      y: (1050 - 800) / 2,
      width: WINDOW_DEFAULTS.width,
      height: WINDOW_DEFAULTS.height,
      isMaximized: false,
    });
  });

  it('keeps a saved window that fits where it was, on a secondary display too', () => {
    const saved = { x: 2100, y: 100, width: 1500, height: 1000, isMaximized: true };
    expect(fitWindowState(saved, [laptop, rightMonitor])).toEqual(saved);
  });

  it('recentres a window saved on a display that is gone', () => {
    const saved = { x: 5000, y: 100, width: 1400, height: 900, isMaximized: false };
    expect(fitWindowState(saved, [laptop])).toEqual({ x: 320, y: 125, width: 1280, height: 800, isMaximized: false });
  });

  it('pulls a partly off-screen window fully onto the display it overlaps most', () => {
    const saved = { x: -300, y: 900, width: 1300, height: 900, isMaximized: false };
    expect(fitWindowState(saved, [laptop, rightMonitor])).toEqual({ x: 0, y: 150, width: 1300, height: 900, isMaximized: false });
  });

  it('grows a too-small window to the minimum and shrinks a too-large one to the display', () => {
    expect(fitWindowState({ x: 0, y: 0, width: 300, height: 200, isMaximized: false }, [laptop])).toMatchObject({
      width: WINDOW_DEFAULTS.minWidth,
      height: WINDOW_DEFAULTS.minHeight,
    });
    expect(fitWindowState({ x: 0, y: 0, width: 5000, height: 3000, isMaximized: false }, [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1920,
      height: 1050,
      isMaximized: false,
    });
  });
});

describe('createWindowStateStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'outpost-window-state-'));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes window-state.json once after a burst of saves and reads it back', async () => {
    vi.useFakeTimers();
    const writes: string[] = [];
    const store = createWindowStateStore({
      fs: { readFile: fs.readFile, writeFile: (path, data, enc) => (writes.push(data), fs.writeFile(path, data, enc)) },
      path: { join },
      directory: dir,
      debounceMs: 200,
    });
    expect(store.file).toBe(join(dir, 'window-state.json'));
    expect(await store.load()).toBeNull();

    for (let width = 1100; width <= 1200; width += 10) store.save({ x: 5, y: 6, width, height: 900, isMaximized: false });
    await vi.advanceTimersByTimeAsync(199);
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    await store.flush();
    expect(writes).toHaveLength(1);
    expect(await store.load()).toEqual({ x: 5, y: 6, width: 1200, height: 900, isMaximized: false });
  });

  it('flush writes a pending save immediately', async () => {
    const store = createWindowStateStore({ fs, path: { join }, directory: dir, debounceMs: 60_000 });
    store.save({ x: 1, y: 2, width: 1300, height: 800, isMaximized: true });
    await store.flush();
    expect(JSON.parse(await readFile(join(dir, 'window-state.json'), 'utf8'))).toMatchObject({ width: 1300, isMaximized: true });
  });

  it('treats a corrupt file as no saved state', async () => {
    await writeFile(join(dir, 'window-state.json'), 'garbage{');
    const store = createWindowStateStore({ fs, path: { join }, directory: dir });
    expect(await store.load()).toBeNull();
  });
});
