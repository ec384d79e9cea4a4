// Prints scripts/bench-server.sh's side-by-side tables from the load
// generator's JSON files (DIR/<workload>-<server>.json), with each figure's
// ratio to our server's, and writes them all to DIR/summary.json.
//   node compare_servers.mjs DIR "fanout boards idle" "squiggle ws uws"
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [dir, workloadList, serverList] = process.argv.slice(2);
const workloads = workloadList.split(/\s+/).filter(Boolean);
const servers = serverList.split(/\s+/).filter(Boolean);
const ours = 'squiggle';

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const fixed = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
// "x ours": how many times our server's figure this one is (lower is better for every column but deliveries/s).
const ratio = (v, base) => (base > 0 && Number.isFinite(v) ? `${(v / base).toFixed(2)}x` : '-');

const summary = {};
for (const workload of workloads) {
  const runs = {};
  for (const server of servers) {
    const file = `${dir}/${workload}-${server}.json`;
    if (existsSync(file)) runs[server] = JSON.parse(readFileSync(file, 'utf8'));
  }
  summary[workload] = runs;
  const any = Object.values(runs)[0];
  if (!any) {
    console.log(`\n${workload}: no results`);
    continue;
  }
  const base = runs[ours];
  if (any.mode === 'idle') {
    console.log(`\n${workload}: ${any.connections} idle connections over ${any.boards} boards`);
    console.log(`${pad('server', 16)}${lpad('joined', 8)}${lpad('RSS MiB', 10)}${lpad('B/conn', 10)}${lpad('x ours', 8)}`);
    for (const [server, r] of Object.entries(runs)) {
      console.log(
        pad(server, 16) + lpad(r.complete ? r.joined : `${r.joined}!`, 8) + lpad(fixed(r.rss_after_kb / 1024, 1), 10) +
          lpad(fixed(r.rss_per_connection_bytes, 0), 10) +
          lpad(ratio(r.rss_per_connection_bytes, base?.rss_per_connection_bytes), 8),
      );
    }
    continue;
  }
  console.log(
    `\n${workload}: ${any.boards} board(s) x ${any.clients_per_board} clients, ${any.drawers_per_board} drawing ` +
      `at ${any.rate} ops/s (+${any.cursor_rate} cursors/s), ${fixed(any.window_s, 0)} s measured`,
  );
  console.log(
    pad('server', 16) + lpad('deliv/s', 9) + lpad('kept up', 8) + lpad('CPU us/dlv', 12) + lpad('x ours', 8) + lpad('p50 ms', 9) +
      lpad('x ours', 8) + lpad('p99 ms', 9) + lpad('x ours', 8) + lpad('p99.9', 8) + lpad('RSS MiB', 9) +
      lpad('B/op out', 9) + lpad('B/op in', 9) + lpad('gen', 6) + '  order',
  );
  for (const [server, r] of Object.entries(runs)) {
    console.log(
      pad(server, 16) + lpad(fixed(r.deliveries_per_s, 0), 9) + lpad(`${fixed(100 * r.kept_up, 0)}%`, 8) + lpad(fixed(r.cpu_us_per_delivery, 2), 12) +
        lpad(ratio(r.cpu_us_per_delivery, base?.cpu_us_per_delivery), 8) + lpad(fixed(r.latency_p50_ms, 2), 9) +
        lpad(ratio(r.latency_p50_ms, base?.latency_p50_ms), 8) + lpad(fixed(r.latency_p99_ms, 2), 9) +
        lpad(ratio(r.latency_p99_ms, base?.latency_p99_ms), 8) + lpad(fixed(r.latency_p999_ms, 2), 8) +
        lpad(fixed(r.rss_after_kb / 1024, 1), 9) + lpad(fixed(r.bytes_per_op_sent, 0), 9) +
        lpad(fixed(r.bytes_per_op_delivered, 0), 9) + lpad(`${fixed(r.loadgen_cpu_percent, 0)}%`, 6) +
        (r.order_ok ? '  ok' : `  FAILED (${r.delivered}/${r.expected}, gaps ${r.gaps}, dups ${r.duplicates})`),
    );
  }
}
writeFileSync(`${dir}/summary.json`, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`\nkept up: deliveries in the window / (ops sent in it x clients per board); gen: the generator's CPU.`);
console.log(`B/op out: bytes per op a drawer sends; B/op in: per op delivered (WebSocket frame included).`);
console.log(`JSON: ${dir}/summary.json`);
