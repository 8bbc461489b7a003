import { z } from 'zod';

export const WINDOW_DEFAULTS = { width: 1280, height: 800, minWidth: 1024, minHeight: 700 } as const;

export const WINDOW_STATE_FILE = 'window-state.json';

const finite = z.number().finite();
const windowStateSchema = z.object({
  x: finite.int(),
  y: finite.int(),
  width: finite.int().positive(),
  height: finite.int().positive(),
  isMaximized: z.boolean().default(false),
});
export type WindowState = z.output<typeof windowStateSchema>;

/** A display's work area (screen minus taskbar/dock), as Electron's `Display.workArea` reports it. */
export interface WorkArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The saved state, or null when the text is missing, not JSON, or not a window state. */
export function parseWindowState(text: string | null | undefined): WindowState | null {
  if (!text) return null;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = windowStateSchema.safeParse(json);
  return result.success ? result.data : null;
}

/**
 * Where to open the window: the saved state moved and shrunk onto the display it overlaps most, grown to the
 * minimum size, or the default size centred on the primary display (first work area) when nothing usable was saved
 * or the saved window lies entirely off every display.
 */
export function fitWindowState(saved: WindowState | null, workAreas: readonly WorkArea[]): WindowState {
  const primary = workAreas[0];
  if (!primary) {
    return { x: 0, y: 0, width: WINDOW_DEFAULTS.width, height: WINDOW_DEFAULTS.height, isMaximized: false };
  }
  const target = saved ? bestOverlap(saved, workAreas) : undefined;
  if (!saved || !target) {
    return { ...centred(WINDOW_DEFAULTS.width, WINDOW_DEFAULTS.height, primary), isMaximized: saved?.isMaximized ?? false };
  }
  const width = clampSize(saved.width, WINDOW_DEFAULTS.minWidth, target.width);
  const height = clampSize(saved.height, WINDOW_DEFAULTS.minHeight, target.height);
  return {
    x: clamp(saved.x, target.x, target.x + target.width - width),
    y: clamp(saved.y, target.y, target.y + target.height - height),
    width,
    height,
    isMaximized: saved.isMaximized,
  };
}

function bestOverlap(rect: WorkArea, areas: readonly WorkArea[]): WorkArea | undefined {
  let best: WorkArea | undefined;
  let bestArea = 0;
  for (const area of areas) {
    const overlapX = Math.min(rect.x + rect.width, area.x + area.width) - Math.max(rect.x, area.x);
    const overlapY = Math.min(rect.y + rect.height, area.y + area.height) - Math.max(rect.y, area.y);
    const overlap = Math.max(0, overlapX) * Math.max(0, overlapY);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  return best;
}

function centred(width: number, height: number, area: WorkArea): Omit<WindowState, 'isMaximized'> {
  const w = clampSize(width, WINDOW_DEFAULTS.minWidth, area.width);
  const h = clampSize(height, WINDOW_DEFAULTS.minHeight, area.height);
  return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
}

/** At least the minimum (Electron enforces it anyway), otherwise no larger than the display. */
function clampSize(size: number, min: number, available: number): number {
  return Math.max(min, Math.min(size, available));
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

export interface WindowStateFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
}

export interface WindowStateStoreOptions {
  fs: WindowStateFs;
  path: { join(...parts: string[]): string };
  /** Electron's `app.getPath('userData')`. */
  directory: string;
  debounceMs?: number;
  onError?: (error: unknown) => void;
}

export interface WindowStateStore {
  readonly file: string;
  /** The saved state, or null when there is none or it is unreadable. */
  load(): Promise<WindowState | null>;
  /** Remember `state`, writing it once no further save arrives for `debounceMs` (resize and move fire continuously). */
  save(state: WindowState): void;
  /** Write a pending save now (on window close). */
  flush(): Promise<void>;
}

export function createWindowStateStore(options: WindowStateStoreOptions): WindowStateStore {
  const file = options.path.join(options.directory, WINDOW_STATE_FILE);
  const debounceMs = options.debounceMs ?? 400;
  const onError = options.onError ?? (() => {});
  let pending: WindowState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();

  const write = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const state = pending;
    pending = null;
    if (state) {
      writing = writing.then(() => options.fs.writeFile(file, JSON.stringify(state), 'utf8')).catch(onError);
    }
    return writing;
  };

  return {
    file,
    async load() {
      try {
        return parseWindowState(await options.fs.readFile(file, 'utf8'));
      } catch {
        return null;
      }
    },
    save(state) {
      pending = state;
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void write(), debounceMs);
    },
    flush: write,
  };
}
