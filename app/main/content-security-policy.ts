/**
 * The Content-Security-Policy of the renderer, sent as a response header by both hosts (Electron's session and the
 * browser host server). It must equal the <meta> policy in app/renderer/index.html; a test keeps the two in step.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets WebAssembly (onnxruntime-web's scoring) compile; JavaScript eval stays forbidden.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // The team sync server: any https/wss host, or plain http/ws on this machine only (sign-in refuses other http).
  "connect-src 'self' https: wss: http://127.0.0.1:* ws://127.0.0.1:* http://localhost:* ws://localhost:*",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
].join('; ');

/** The policy of the first Content-Security-Policy <meta> tag in `html`, or null when there is none. */
export function metaContentSecurityPolicy(html: string): string | null {
  const meta = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0];
  if (!meta) return null;
  const content = /\scontent=(["'])([\s\S]*?)\1/i.exec(meta)?.[2];
  return content?.trim() ?? null;
}
