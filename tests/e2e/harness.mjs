// Shared pieces of the browser tests: start the real server on a free port,
// a real redis-server, launch Debian's Chromium headless, read pixels out of
// screenshots.
import { spawn } from 'node:child_process';
import { createServer, connect } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { mkdtempSync, rmSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';
import { PNG } from 'pngjs';

export const artifactsDir = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

// Returns the built web client folder, or exits with 77 (skip) when it was
// never built and the caller did not insist (SQUIGGLE_REQUIRE_E2E=1 insists).
export function webDist() {
  const dist = process.env.SQUIGGLE_WEB_DIST;
  if (dist && existsSync(join(dist, 'index.html')) && existsSync(join(dist, 'squigglesync.wasm'))) return dist;
  const message = `web client not built in '${dist}' (run: cmake --build --preset wasm)`;
  if (process.env.SQUIGGLE_REQUIRE_E2E === '1') throw new Error(message);
  console.log(`skipped: ${message}`);
  process.exit(77);
}

// Starts squigglesync-server; resolves once it printed its port.
// `port` 0 picks a free one; `args` are extra server flags.
export async function startServer({ dataDir, webRoot, port: wantedPort = 0, args = [] }) {
  const binary = process.env.SQUIGGLE_SERVER;
  if (!binary || !existsSync(binary)) throw new Error(`server binary not found: '${binary}'`);
  const ownDir = !dataDir;
  dataDir ??= mkdtempSync(join(tmpdir(), 'squiggle-e2e-'));
  const child = spawn(binary, ['--port', String(wantedPort), '--bind', '127.0.0.1', '--data-dir', dataDir,
                               '--web-root', webRoot, '--threads', '2', ...args],
                      { stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  createInterface({ input: child.stderr }).on('line', (l) => logs.push(l));
  const port = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
      if (m) resolve(Number(m[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening:\n${logs.join('\n')}`)));
  });
  return {
    port,
    dataDir,
    logs,
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Playwright gives every launch a fresh, empty profile of its own.
export async function launchBrowser() {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--no-first-run', '--disable-quic'],
  });
  return { browser, close: () => browser.close() };
}

// Opens `url` in a new page of its own browser context (its own storage).
// `identity` ({name, color: '#rrggbb'}) is put where the page remembers the
// user's name and colour, as if they had chosen them on an earlier visit.
// Waits until the client is up and, unless `connected` is false, connected
// and in sync.
export async function openBoard(browser, url, { width = 1000, height = 700, identity, connected = true } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  if (identity) {
    await context.addInitScript(({ name, color }) => {
      localStorage.setItem('squiggle.name', name);
      localStorage.setItem('squiggle.color', color);
    }, identity);
  }
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  if (connected) {
    await page.waitForFunction(() => window.squiggle?.ready?.() && window.squiggle.connectionState() === 'connected',
                               null, { timeout: 60000 });
  } else {
    await page.waitForFunction(() => window.squiggle?.ready?.(), null, { timeout: 60000 });
  }
  return { page, errors };
}

// Drags the mouse along `path` ([[x, y], ...] in CSS pixels) with the button down.
export async function drawPath(page, path) {
  await page.mouse.move(...path[0]);
  await page.mouse.down();
  for (const [x, y] of path.slice(1)) await page.mouse.move(x, y, { steps: 8 });
  await page.mouse.up();
}

// Pixels within `box` clearly darker than the white board.
export function inkPixels(png, box) {
  let count = 0;
  for (let y = Math.max(0, box.y0); y < Math.min(png.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(png.width, box.x1); x++) {
      const i = (y * png.width + x) * 4;
      if (765 - png.data[i] - png.data[i + 1] - png.data[i + 2] > 150) count++;
    }
  }
  return count;
}

// Waits until the page has drawn `count` more frames: what the hooks showed
// before this call is then on the canvas.
export async function nextFrames(page, count = 2) {
  const seen = await page.evaluate(() => window.squiggle.framesDrawn());
  await page.waitForFunction(([s, n]) => window.squiggle.framesDrawn() >= s + n, [seen, count]);
}

export async function screenshotPng(page, name) {
  mkdirSync(artifactsDir, { recursive: true });
  const buffer = await page.screenshot({ path: join(artifactsDir, `${name}.png`) });
  return PNG.sync.read(buffer);
}

// Counts pixels within `box` whose colour is within `tolerance` of `rgb`.
export function countPixels(png, box, rgb, tolerance = 60) {
  let count = 0;
  for (let y = Math.max(0, box.y0); y < Math.min(png.height, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x < Math.min(png.width, box.x1); x++) {
      const i = (y * png.width + x) * 4;
      const d = Math.abs(png.data[i] - rgb[0]) + Math.abs(png.data[i + 1] - rgb[1]) +
                Math.abs(png.data[i + 2] - rgb[2]);
      if (d <= tolerance) count++;
    }
  }
  return count;
}

// A loopback port nobody listens on right now (the kernel's pick for port 0).
export function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Sends one command to Redis at 127.0.0.1:`port` (RESP over a fresh
// connection) and resolves with the first reply line ('+PONG', ':2', '-LOADING
// ...'), or rejects when nothing answers within `timeoutMs`.
export function redisCommand(port, args, { timeoutMs = 2000 } = {}) {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let reply = '';
    const fail = (e) => { socket.destroy(); reject(e); };
    socket.setTimeout(timeoutMs, () => fail(new Error(`redis on port ${port} did not answer ${args[0]}`)));
    socket.once('error', fail);
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      const end = reply.indexOf('\r\n');
      if (end >= 0) {
        socket.destroy();
        resolve(reply.slice(0, end));
      }
    });
    socket.write(`*${args.length}\r\n` + args.map((a) => `$${Buffer.byteLength(String(a))}\r\n${a}\r\n`).join(''));
  });
}

// A real redis-server on a free loopback port, keeping its data in `dir`
// (append-only file, fsync'd on every write, no RDB snapshots). Resolves once
// it answers PING. kill() is SIGKILL, stop() SIGTERM; start() starts it again
// on the same port with the same dir (it reloads its append-only file).
export async function startRedis({ dir, port: wantedPort = 0 } = {}) {
  const ownDir = !dir;
  dir ??= mkdtempSync(join(tmpdir(), 'squiggle-e2e-redis-'));
  const port = wantedPort || await freePort();
  const logs = [];
  let child = null;

  async function start() {
    if (child && child.exitCode === null && child.signalCode === null) throw new Error('redis-server already runs');
    const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
                                        '--appendonly', 'yes', '--appendfsync', 'always', '--save', '',
                                        '--daemonize', 'no', '--loglevel', 'warning'],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    for (const stream of [proc.stdout, proc.stderr]) createInterface({ input: stream }).on('line', (l) => logs.push(l));
    let exited = null;
    const exit = new Promise((resolve) => proc.once('exit', (code, signal) => resolve(exited = { code, signal })));
    const spawnError = new Promise((_, reject) => proc.once('error', reject));
    // Ready once it answers PING with PONG (while loading its append-only
    // file it answers -LOADING). Polled, bounded by a deadline.
    const deadline = Date.now() + 20000;
    for (;;) {
      const answer = await Promise.race([redisCommand(port, ['PING'], { timeoutMs: 500 }).catch((e) => String(e)),
                                         exit.then(() => null), spawnError]);
      if (answer === '+PONG') return;
      if (exited) throw new Error(`redis-server exited (${exited.code ?? exited.signal}) before answering:\n${logs.join('\n')}`);
      if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer PING:\n${logs.join('\n')}`);
      await delay(20);
    }
  }

  async function end(signal) {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    proc.kill(signal);
    await exited;
  }

  await start();
  return {
    port,
    dir,
    logs,
    url: `redis://127.0.0.1:${port}`,
    start,
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    command: (...args) => redisCommand(port, args),
    // Stops it and removes the dir if it made it.
    async close() {
      await end('SIGTERM');
      if (ownDir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Resolves with the value of the Prometheus sample `name` on `server`'s /metrics.
export async function metric(server, name) {
  const text = await (await fetch(`${server.url}metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : null;
}

// Polls `condition` (async, truthy when met) until it holds; rejects with
// `what` after `timeoutMs`.
export async function waitUntil(condition, what, { timeoutMs = 30000, intervalMs = 50 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await delay(intervalMs);
  }
}
