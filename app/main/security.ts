import { app, shell, type Session, type WebContents } from 'electron';
import { APP_SCHEME, isAppOrigin } from './app-protocol';

/**
 * Whether `url` is a page of the app itself: the dev server's origin in development, otherwise the app:// origin the
 * renderer is served from (app-protocol.ts). file:// is never the app.
 */
export function createAppUrlCheck(appUrl: string): (url: string) => boolean {
  const app = new URL(appUrl);
  if (app.protocol === `${APP_SCHEME}:`) return isAppOrigin;
  return (candidate) => {
    try {
      const url = new URL(candidate);
      return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === app.origin;
    } catch {
      return false;
    }
  };
}

/**
 * Only https: links (without embedded credentials) and mailto: addresses may be handed to the operating system; plain
 * http: could be read or rewritten on the way, and other schemes start other programs.
 */
export function isSafeExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0;
  return url.protocol === 'https:' && !url.username && !url.password && url.hostname !== '';
}

/** Permissions the renderer may use; every other request (camera, geolocation, clipboard, ...) is denied. */
const ALLOWED_PERMISSIONS = new Set(['notifications']);

export function isAllowedPermission(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}

export interface HardeningOptions {
  isAppUrl: (url: string) => boolean;
  openExternal?: (url: string) => Promise<void>;
}

/** Keep `contents` on the app: no navigation or redirect elsewhere, no new windows, no <webview>. */
export function hardenWebContents(contents: WebContents, options: HardeningOptions): void {
  const openExternal = options.openExternal ?? ((url: string) => shell.openExternal(url));
  const keepOnApp = (event: { preventDefault(): void }, url: string) => {
    if (!options.isAppUrl(url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => keepOnApp(event, event.url));
  contents.on('will-redirect', (event) => keepOnApp(event, event.url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void openExternal(url).catch(() => {});
    return { action: 'deny' };
  });
}

/** Deny permissions except notifications and add the renderer's CSP header to every response (dev server included). */
export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(isAllowedPermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => isAllowedPermission(permission));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
}

/** Harden every web contents the app ever creates, including any a bug or exploit might open. */
export function installWebContentsHardening(options: HardeningOptions): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}
