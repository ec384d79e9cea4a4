// Prints two runs of squiggle_shared_bench (their --json files) side by side:
//   node bench/compare.js native.json wasm.json
// For speed figures the ratio column is how many times longer the second run
// (wasm) took than the first (native): wasm time / native time, or native
// rate / wasm rate. Figures marked "compare" carry the target wasm <= 2x native.
'use strict';
const fs = require('fs');

const kMaxSlowdown = 2.0;
const kSpeedUnits = new Set(['ms', 'ops/s', 'points/s', 'frames/s', 'MB/s']);

function load(path) {
  const run = JSON.parse(fs.readFileSync(path, 'utf8'));
  run.byKey = new Map(run.figures.map((f) => [f.key, f]));
  return run;
}

function si(v) {
  const a = Math.abs(v);
  if (a >= 1e9) return (v / 1e9).toFixed(2) + ' G';
  if (a >= 1e6) return (v / 1e6).toFixed(2) + ' M';
  if (a >= 1e3) return (v / 1e3).toFixed(2) + ' k';
  return v.toFixed(2) + ' ';
}

function human(f) {
  if (!f) return '-';
  switch (f.unit) {
    case 'ms': return f.value.toFixed(1) + ' ms';
    case 'B/point': return f.value.toFixed(2) + ' B/point';
    case 'B': return f.value.toFixed(0) + ' B';
    case 'MB': return f.value.toFixed(2) + ' MB';
    case 'MB/s': return f.value.toFixed(1) + ' MB/s';
    case 'yes/no': return f.value ? 'yes' : 'NO';
    default: return si(f.value) + f.unit;
  }
}

// How many times longer `b` took than `a` (null: not a speed figure).
function slowdown(a, b) {
  if (!a || !b || !kSpeedUnits.has(a.unit) || a.value <= 0 || b.value <= 0) return null;
  return a.unit === 'ms' ? b.value / a.value : a.value / b.value;
}

const pad = (s, n) => (s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length));

function main() {
  if (process.argv.length !== 4) {
    console.error('usage: node compare.js native.json wasm.json');
    process.exit(1);
  }
  const a = load(process.argv[2]);
  const b = load(process.argv[3]);
  if (a.quick !== b.quick) console.log('WARNING: one run used --quick and the other did not: not comparable');

  console.log(`\n==== ${a.platform} (${a.compiler}) vs ${b.platform} (${b.compiler}), median of ${a.runs} / ${b.runs} runs ====`);
  console.log(`${b.platform}/${a.platform}: how many times longer ${b.platform} takes (1.00x = same speed; < 1: ${b.platform} faster)`);
  const checks = [];
  let section = null;
  for (const f of a.figures) {
    const g = b.byKey.get(f.key);
    if (f.section !== section) {
      section = f.section;
      console.log(`\n== ${section} ==`);
      console.log('   ' + pad('figure', 48) + pad(a.platform, 18) + pad(b.platform, 18) + pad(`${b.platform}/${a.platform}`, 14) + 'target');
    }
    const r = slowdown(f, g);
    let ratio = r === null ? '-' : r.toFixed(2) + 'x';
    let target = '';
    if (f.compare && r !== null) {
      const met = r <= kMaxSlowdown;
      target = `<= ${kMaxSlowdown.toFixed(1)}x: ${met ? 'yes' : 'NO'}`;
      checks.push([`${f.label}: ${b.platform} within ${kMaxSlowdown}x of ${a.platform}`, met, ratio]);
    }
    console.log('   ' + pad(f.label, 48) + pad(human(f), 18) + pad(human(g), 18) + pad(ratio, 14) + target);
    for (const [run, fig] of [[a, f], [b, g]]) {
      if (fig && fig.target !== null && fig.met !== null) {
        const target = fig.target.replace(/ \((native|wasm)\)$/, '');
        checks.push([`${fig.label}: ${target} (${run.platform})`, fig.met, human(fig)]);
      }
    }
  }

  console.log('\n== targets ==');
  for (const [what, met, value] of checks) {
    console.log('   ' + pad(met ? 'met' : 'NOT MET', 9) + pad(what, 78) + value);
  }
  console.log('');
}

main();
