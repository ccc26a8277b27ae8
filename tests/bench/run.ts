/** All benchmarks (`npm run bench`), printed as one JSON object keyed by benchmark. */
import { benchIndicators } from './indicators';

process.stdout.write(`${JSON.stringify({ indicators: benchIndicators() }, null, 2)}\n`);
