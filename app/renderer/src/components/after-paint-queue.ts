/**
 * Work that must not hold back the frame an interaction asked for (drawing a chart, say): each job runs in a task of
 * its own after the next paint, one job per task in the order queued, so a page with six charts paints first and
 * draws them one by one, and an input that comes meanwhile is answered between two of them.
 */
type Job = () => void;

const queue: Job[] = [];
let scheduled = false;

function pump(): void {
  const job = queue.shift();
  if (job) job();
  if (queue.length) setTimeout(pump, 0);
  else scheduled = false;
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // A hidden page gets no animation frames: a plain task then.
  if (typeof requestAnimationFrame === 'function' && document.visibilityState !== 'hidden') requestAnimationFrame(() => setTimeout(pump, 0));
  else setTimeout(pump, 0);
}

/** Runs `job` after the next paint, after the jobs queued before it; the returned function takes it off the queue. */
export function afterPaint(job: Job): () => void {
  queue.push(job);
  schedule();
  return () => {
    const at = queue.indexOf(job);
    if (at >= 0) queue.splice(at, 1);
  };
}
