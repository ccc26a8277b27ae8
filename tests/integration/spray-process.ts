/**
 * A password sprayer as its own process, so its work does not slow the test's clock: cycles
 * through SPRAY_GUESSES (JSON [{login, password}]) from X-Forwarded-For SPRAY_FROM, SPRAY_WORKERS
 * requests at a time, until stdin closes; prints "started" after the first answer (and "warm"
 * after SPRAY_WARM_AFTER answers), then `{ statuses, answeredAt }` (each answer's status and
 * Date.now() on arrival) as one JSON line at the end. SPRAY_FROM may list several addresses
 * (comma-separated), used in turn.
 */
export {};

const url = process.env['SPRAY_URL'] ?? '';
const guesses = JSON.parse(process.env['SPRAY_GUESSES'] ?? '[]') as { login: string; password: string }[];
/** One address, or several separated by commas (a spray from many devices), used in turn. */
const from = (process.env['SPRAY_FROM'] ?? '').split(',');
const workers = Number(process.env['SPRAY_WORKERS'] ?? '4');
/** Prints "warm" once this many answers came back (a spray that has been running a while). */
const warmAfter = Number(process.env['SPRAY_WARM_AFTER'] ?? '0');
let warm = false;
let running = true;
let next = 0;
let started = false;
const statuses: number[] = [];
/** When each answer arrived (Date.now(), the same clock as the test's on this machine). */
const answeredAt: number[] = [];
process.stdin.on('end', () => {
  running = false;
});
process.stdin.resume();

async function worker(): Promise<void> {
  while (running) {
    const n = next++;
    const guess = guesses[n % guesses.length];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from[n % from.length] ?? '' },
      body: JSON.stringify(guess),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
    answeredAt.push(Date.now());
    if (!started) {
      started = true;
      process.stdout.write('started\n');
    }
    if (!warm && warmAfter > 0 && statuses.length >= warmAfter) {
      warm = true;
      process.stdout.write('warm\n');
    }
  }
}

await Promise.all(Array.from({ length: workers }, () => worker()));
process.stdout.write(`${JSON.stringify({ statuses, answeredAt })}\n`);
