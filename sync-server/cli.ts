import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startSyncServer } from './server';

/** `OUTPOST_ADMIN_PASSWORD=… npm run sync-server -- --port 8787 --data ./sync-data --admin-email a@b.c` (or --admin-password-file) */
const usage = 'Usage: sync-server [--port 8787] [--host 127.0.0.1] [--data ./sync-data] [--storage http://couch:5984/] [--cors-origin https://app.example] [--admin-email E --admin-password-file F | OUTPOST_ADMIN_PASSWORD] [--key-file F | OUTPOST_KEY]';

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './sync-data' },
      storage: { type: 'string' },
      'cors-origin': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password-file': { type: 'string' },
      'key-file': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got "${values.port}"`);
  const email = values['admin-email'];
  // Never on the command line (it would show in `ps` and shell history): from a file or the environment.
  const passwordFile = values['admin-password-file'];
  const password = passwordFile ? readFileSync(passwordFile, 'utf8').replace(/\r?\n$/, '') : process.env['OUTPOST_ADMIN_PASSWORD'];
  if ((email === undefined) !== (password === undefined)) throw new Error('Give --admin-email with --admin-password-file (or OUTPOST_ADMIN_PASSWORD)');

  startSyncServer({
    port,
    host: values.host,
    dataDir: values.data,
    storage: values.storage,
    ...(values['cors-origin'] ? { corsOrigin: values['cors-origin'] } : {}),
    admin: email && password ? { email, password } : undefined,
    ...(values['key-file'] ? { keyFile: values['key-file'] } : {}),
  }).then(
    (server) => {
      console.log(`Outpost sync server listening on ${server.url} (data: ${values.data}${values.storage ? `, storage: ${values.storage.replace(/\/\/[^@/]*@/, '//***@')}` : ''})`);
      const stop = () => void server.close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error(`sync-server: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}

try {
  main();
} catch (error) {
  console.error(`sync-server: ${error instanceof Error ? error.message : String(error)}\n${usage}`);
  process.exit(2);
}
