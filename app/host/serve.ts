import { parseArgs } from 'node:util';
import { DEFAULT_BROWSER_HOST_PORT, startBrowserHost, WebRootMissingError } from './browser-host-server';
import { calendarRoutes } from './calendar-routes';

// CLI: `npm run serve:web [-- --port 5174] [--root dist-web]`. PORT works too; --port wins; 0 picks a free port.
function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_BROWSER_HOST_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port/PORT must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { port: { type: 'string' }, root: { type: 'string' } } });
  const host = await startBrowserHost({
    port: readPort(values.port ?? process.env['PORT']),
    ...(values.root ? { root: values.root } : {}),
    // The calendar providers (Google, CalDAV) run here, behind the bridge, as they run in Electron main.
    middleware: [calendarRoutes()],
  });
  // The local sync server will start here too, mounted through `middleware` or attached to `host.server`.
  console.log(`Outpost is running at ${host.url}`);

  const shutdown = (signal: string) => {
    console.log(`\n${signal} received, stopping Outpost…`);
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof WebRootMissingError || error instanceof UsageError) console.error(error.message);
  else if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port is already in use: ${(error as Error).message}. Pass --port 0 for a free port.`);
  } else console.error(error);
  process.exit(1);
});
