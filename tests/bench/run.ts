/** All benchmarks (`npm run bench`), printed as one JSON object keyed by benchmark. */
import { spawnSync } from 'node:child_process';
import { benchIndicators } from './indicators';
import { benchSaveStatus } from './save-status';
import { benchVersions } from './versions';

const indicators = benchIndicators();
const saveStatus = benchSaveStatus();
const versions = await benchVersions();
// The sync benchmark runs its own server processes; it prints one JSON object on stdout.
const sync = spawnSync(process.execPath, ['--import', 'tsx', 'tests/bench/sync.ts', ...process.argv.slice(2)], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
  maxBuffer: 64 * 1024 * 1024,
});
const syncResult: unknown = sync.status === 0 ? JSON.parse(sync.stdout) : { error: `bench:sync exited with ${sync.status}` };

process.stdout.write(`${JSON.stringify({ indicators, saveStatus, versions, sync: syncResult }, null, 2)}\n`);
process.exitCode = sync.status === 0 ? 0 : 1;
