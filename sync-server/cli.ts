import { parseArgs } from 'node:util';
import { startSyncServer } from './server';

/** `npm run sync-server -- --port 8787 --data ./sync-data --admin-email a@b.c --admin-password '...'` */
const usage = 'Usage: sync-server [--port 8787] [--host 127.0.0.1] [--data ./sync-data] [--storage http://couch:5984/] [--cors-origin https://app.example] [--admin-email E --admin-password P]';

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './sync-data' },
      storage: { type: 'string' },
      'cors-origin': { type: 'string' },
      'admin-email': { type: 'string' },
      'admin-password': { type: 'string' },
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
  const password = values['admin-password'] ?? process.env['OUTPOST_ADMIN_PASSWORD'];
  if ((email === undefined) !== (password === undefined)) throw new Error('Give --admin-email and --admin-password together');

  startSyncServer({
    port,
    host: values.host,
    dataDir: values.data,
    storage: values.storage,
    ...(values['cors-origin'] ? { corsOrigin: values['cors-origin'] } : {}),
    admin: email && password ? { email, password } : undefined,
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
