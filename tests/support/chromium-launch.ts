/**
 * Which Chromium the browser tests and benchmarks drive. By default the one inside the @sparticuz/chromium npm
 * package, so `npm install` alone is enough; `OUTPOST_CHROMIUM=/usr/bin/chromium` points them at a system Chromium
 * (e.g. Debian's `chromium` package) instead. Never a browser downloaded by `playwright install`.
 */
import type { LaunchOptions } from 'playwright-core';

/** Flags for a system Chromium on a machine with no network but loopback. */
const SYSTEM_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** @sparticuz/chromium's serverless flags that would change what we test (CSP, process model). */
const DROPPED_SPARTICUZ_ARGS = new Set(['--single-process', '--disable-web-security', '--allow-running-insecure-content']);

export async function chromiumLaunchOptions(env: NodeJS.ProcessEnv = process.env): Promise<LaunchOptions> {
  const systemChromium = env['OUTPOST_CHROMIUM'];
  if (systemChromium) return { executablePath: systemChromium, args: SYSTEM_CHROMIUM_ARGS, headless: true };
  const { default: sparticuz } = await import('@sparticuz/chromium');
  return {
    executablePath: await sparticuz.executablePath(),
    args: sparticuz.args.filter((arg) => !DROPPED_SPARTICUZ_ARGS.has(arg)),
    headless: true,
  };
}
