// `npm start`: build and run Outpost in Electron, or in the browser host when Electron cannot run here.
// Plain Node, no dependencies: it must work before anything else does.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chooseHost } from './choose-host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const ELECTRON_DOWNLOAD_TIMEOUT_MS = 60_000;

/** The absolute path of a package's executable script (its package.json "bin"), run with this Node. */
function binScript(pkg, name = pkg) {
  const manifestPath = require.resolve(`${pkg}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[name];
  if (!bin) throw new Error(`${pkg} has no "${name}" executable`);
  return join(dirname(manifestPath), bin);
}

/** Run a command with inherited stdio; resolves with its exit code (or 1 when killed by a timeout/signal). */
function run(command, args, { timeoutMs, quiet = false } = {}) {
  return new Promise((resolveRun) => {
    const child = spawn(command, args, { cwd: root, stdio: quiet ? 'ignore' : 'inherit' });
    const timer = timeoutMs ? setTimeout(() => child.kill('SIGTERM'), timeoutMs) : null;
    const forward = (signal) => child.kill(signal);
    process.on('SIGTERM', forward);
    child.on('error', () => resolveRun(1));
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      process.off('SIGTERM', forward);
      resolveRun(code ?? 1);
    });
  });
}

function electronExecutable() {
  const electronDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

async function probeElectron() {
  if (electronExecutable()) return { available: true };
  console.log(`Electron's binary is not downloaded yet; trying (up to ${ELECTRON_DOWNLOAD_TIMEOUT_MS / 1000} s)…`);
  const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
  const code = await run(process.execPath, [installer], { timeoutMs: ELECTRON_DOWNLOAD_TIMEOUT_MS });
  if (code === 0 && electronExecutable()) return { available: true };
  return { available: false, reason: 'the download failed or timed out; is there internet access?' };
}

async function step(label, command, args) {
  console.log(`\n> ${label}`);
  const code = await run(command, args);
  if (code !== 0) {
    console.error(`${label} failed (exit code ${code}).`);
    process.exit(code);
  }
}

// Ctrl-C reaches the child through the terminal's process group; this process just waits for it to exit.
process.on('SIGINT', () => {});

const choice = await chooseHost({ env: process.env, platform: process.platform, probeElectron });
console.log(`Starting Outpost in ${choice.host === 'electron' ? 'Electron' : 'the browser host'}: ${choice.reason}.`);

if (choice.host === 'browser') {
  await step('Building the web renderer', process.execPath, [binScript('vite'), 'build', '--config', 'vite.web.config.ts']);
  console.log('Open the URL below in your browser (set PORT to change the port).');
  process.exitCode = await run(process.execPath, [binScript('tsx'), 'app/host/serve.ts', ...process.argv.slice(2)]);
} else {
  await step('Building the app', process.execPath, [binScript('electron-vite'), 'build']);
  const executable = electronExecutable();
  if (!executable) {
    console.error('Electron is not installed: run `node node_modules/electron/install.js`, or start with OUTPOST_HOST=browser.');
    process.exit(1);
  }
  process.exitCode = await run(executable, ['.', ...process.argv.slice(2)]);
}
