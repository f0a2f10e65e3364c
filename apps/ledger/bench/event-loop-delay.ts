/**
 * Preloaded into the server by `npm run bench:bases` (node -r): every 250 ms, appends to
 * BENCH_LOOP_FILE the longest the event loop was held up meanwhile, in milliseconds, so the bench can
 * say how much synchronous work any request did, apart from what the machine's load adds to a client.
 */
import { appendFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const file = process.env.BENCH_LOOP_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  setInterval(() => {
    appendFileSync(file, `${(delay.max / 1e6).toFixed(2)}\n`);
    delay.reset();
  }, 250).unref();
}
