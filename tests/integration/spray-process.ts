/**
 * A password sprayer as its own process, so its work does not slow the test's clock: cycles
 * through SPRAY_GUESSES (JSON [{login, password}]) from X-Forwarded-For SPRAY_FROM, SPRAY_WORKERS
 * requests at a time, until stdin closes; prints "started" after the first answer, then the
 * statuses as one JSON line at the end.
 */
export {};

const url = process.env['SPRAY_URL'] ?? '';
const guesses = JSON.parse(process.env['SPRAY_GUESSES'] ?? '[]') as { login: string; password: string }[];
const from = process.env['SPRAY_FROM'] ?? '';
const workers = Number(process.env['SPRAY_WORKERS'] ?? '4');
let running = true;
let next = 0;
let started = false;
const statuses: number[] = [];
process.stdin.on('end', () => {
  running = false;
});
process.stdin.resume();

async function worker(): Promise<void> {
  while (running) {
    const guess = guesses[next++ % guesses.length];
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify(guess),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
    if (!started) {
      started = true;
      process.stdout.write('started\n');
    }
  }
}

await Promise.all(Array.from({ length: workers }, () => worker()));
process.stdout.write(`${JSON.stringify(statuses)}\n`);
