/**
 * The sync server's metrics in Prometheus text format (exposition format 0.0.4), without a
 * dependency: a handful of counters, gauges and one histogram are all the server needs.
 */

type Labels = Record<string, string>;

function labelKey(labels: Labels | undefined): string {
  if (labels === undefined) {
    return '';
  }
  const parts = Object.entries(labels).map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

/** A monotonically increasing counter, optionally per label set. */
export class Counter {
  private readonly values = new Map<string, number>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels?: Labels, by = 1): void {
    const key = labelKey(labels);
    this.values.set(key, (this.values.get(key) ?? 0) + by);
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} counter`];
    if (this.values.size === 0) {
      lines.push(`${this.name} 0`);
    }
    for (const [key, value] of this.values) {
      lines.push(`${this.name}${key} ${value}`);
    }
    return lines.join('\n');
  }
}

/** A value read when scraped. */
export class Gauge {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number,
  ) {}

  render(): string {
    return [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} gauge`, `${this.name} ${this.read()}`].join('\n');
  }
}

/** A histogram with fixed buckets (upper bounds in the metric's unit). */
export class Histogram {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((bound, i) => {
      if (value <= bound) {
        this.counts[i] = (this.counts[i] ?? 0) + 1;
      }
    });
  }

  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    this.buckets.forEach((bound, i) => lines.push(`${this.name}_bucket{le="${bound}"} ${this.counts[i] ?? 0}`));
    lines.push(`${this.name}_bucket{le="+Inf"} ${this.count}`, `${this.name}_sum ${this.sum}`, `${this.name}_count ${this.count}`);
    return lines.join('\n');
  }
}

/** Everything the sync server counts. */
export interface Metrics {
  connectionsOpened: Counter;
  connectionsRefused: Counter;
  updatesIn: Counter;
  updatesOut: Counter;
  updatesDropped: Counter;
  /** Documents rebuilt in memory after an update made Yjs throw (see Room.applyUpdate). */
  documentsRebuilt: Counter;
  bytesIn: Counter;
  bytesOut: Counter;
  durableWrites: Histogram;
  logins: Counter;
  /** Prometheus text of all metrics plus the live gauges. */
  render(): string;
}

/** Creates the sync server's metrics; the gauges read live values through the callbacks. */
export function createMetrics(live: { connections: () => number; documents: () => number }): Metrics {
  const metrics = {
    connectionsOpened: new Counter('fokuswerk_sync_connections_opened_total', 'WebSocket connections admitted to a document.'),
    connectionsRefused: new Counter('fokuswerk_sync_connections_refused_total', 'Connections refused or closed by the server, by close code.'),
    updatesIn: new Counter('fokuswerk_sync_updates_received_total', 'Document updates received from clients and applied.'),
    updatesOut: new Counter('fokuswerk_sync_updates_sent_total', 'Document updates sent to clients (forwarded changes and sync step 2 answers).'),
    updatesDropped: new Counter('fokuswerk_sync_updates_dropped_total', 'Updates dropped because the connection is read-only.'),
    documentsRebuilt: new Counter('fokuswerk_sync_documents_rebuilt_total', 'Documents rebuilt in memory after an update made Yjs throw (its sender was closed).'),
    bytesIn: new Counter('fokuswerk_sync_bytes_received_total', 'WebSocket payload bytes received.'),
    bytesOut: new Counter('fokuswerk_sync_bytes_sent_total', 'WebSocket payload bytes sent.'),
    durableWrites: new Histogram(
      'fokuswerk_sync_durable_write_seconds',
      'Time to commit a batch of updates to SQLite (synchronous=FULL), in seconds.',
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    ),
    logins: new Counter('fokuswerk_sync_logins_total', 'Sign-in attempts by result.'),
  };
  const gauges = [
    new Gauge('fokuswerk_sync_connections', 'Open WebSocket connections attached to a document.', live.connections),
    new Gauge('fokuswerk_sync_documents_loaded', 'Documents held in memory.', live.documents),
  ];
  return {
    ...metrics,
    render: () => `${[...gauges, ...Object.values(metrics)].map((metric) => metric.render()).join('\n')}\n`,
  };
}
