import type { ComponentType } from 'react';

/** What a routed page receives: the route's named parameters (`/accounts/:id` gives `{ id }`). */
export interface PageProps {
  readonly params: Readonly<Record<string, string | undefined>>;
}

/**
 * What one feature folder contributes to the shell. Each folder under `features/` exports one, from its
 * `feature.ts(x)`, and `features/index.ts` lists them: adding a feature is adding a folder and one line there.
 */
export interface FeatureManifest {
  /** The folder's name. */
  readonly id: string;
  /**
   * A page at `path` (a wouter pattern). Load it lazily unless it is the first screen. `keep`: once visited, the page
   * stays mounted, hidden, while other pages show (shell/KeptPage.tsx), so coming back to it does not build it again
   * and finds it as it was left.
   */
  readonly route?: { readonly path: string; readonly page: ComponentType<PageProps>; readonly keep?: boolean };
  /** An entry in the navigation; Alt+`shortcut` jumps to it. */
  readonly nav?: { readonly path: string; readonly label: string; readonly shortcut: string };
  /** Mounted inside the shell for the whole session, with no UI of its own (the scoring service). */
  readonly service?: ComponentType;
  /** Shown in the navigation bar under the sections (the sync status). */
  readonly navStatus?: ComponentType;
  /** Shown above every page while a long job of the feature runs (a first sync's counted progress); renders nothing otherwise. */
  readonly progress?: ComponentType;
}
