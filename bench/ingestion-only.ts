/**
 * The ingestion step of the bench alone (`benchIngestion` from import.bench.ts, no Chromium): each run on a fresh
 * server and data folder, every figure as min / median / max. For before/after comparisons of the ingestion path:
 *   node --max-semi-space-size=128 --import tsx bench/ingestion-only.ts [runs=5] [events=50000]
 */
import { loadavg } from 'node:os';
import { benchIngestion } from './import.bench';

const runs = Number(process.argv[2] ?? 5);
const events = Number(process.argv[3] ?? 50_000);
async function main(): Promise<void> {
  console.log(`load average before: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const figure of await benchIngestion(events, 100, 8, runs)) console.log(`${figure.name}: ${figure.value} ${figure.unit}`);
  console.log(`load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

void main().then(() => process.exit(0));
