// Two server processes sharing boards through one real redis-server: a page
// on each, drawing with real mouse events; then Redis is killed (SIGKILL) and
// restarted on the same port and dir (append-only file), as an outage looks
// to the people drawing: "Saving paused", strokes kept, then sent and shared.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  webDist, startServer, startRedis, launchBrowser, openBoard, drawPath, inkPixels, countPixels, nextFrames,
  screenshotPng, metric, waitUntil,
} from './harness.mjs';

// First stroke: a zig-zag in the free middle of the canvas; the second one
// (drawn while Redis is down) below it.
const path1 = [[450, 330], [520, 420], [590, 340], [660, 430], [730, 350], [800, 440]];
const box1 = { x0: 440, y0: 320, x1: 810, y1: 450 };
const path2 = [[450, 500], [520, 590], [590, 510], [660, 600], [730, 520], [800, 610]];
const box2 = { x0: 440, y0: 490, x1: 810, y1: 620 };
// Away from both strokes and every window.
const emptyBox = { x0: 100, y0: 350, x1: 300, y1: 600 };

// The status bar along the bottom of the 1000x700 viewport, and the fill of
// its "Saving paused" badge (kSavingPausedColor, #C92A2A). The tolerance is
// tight so that the red notice text (#BF1919) next to it does not count.
const statusBar = { x0: 0, y0: 660, x1: 1000, y1: 700 };
const badgeRed = [0xC9, 0x2A, 0x2A];
const badgePixels = (png) => countPixels(png, statusBar, badgeRed, 12);
// The badge's fill is about 1500 such pixels; a stroke about 2500 ink pixels.
const BADGE_MIN = 1000;
const STROKE_MIN = 1500;

let redis, redisDir, server1, server2, chromium, dist;

before(async () => {
  dist = webDist();
  redisDir = mkdtempSync(join(tmpdir(), 'squiggle-e2e-redis-'));
  redis = await startRedis({ dir: redisDir });
  server1 = await startServer({ webRoot: dist, args: ['--redis', redis.url] });
  server2 = await startServer({ webRoot: dist, args: ['--redis', redis.url] });
  // Both processes reach Redis before a page asks them for a board.
  for (const s of [server1, server2]) {
    await waitUntil(async () => (await metric(s, 'squiggle_redis_up')) === 1, `server on ${s.port} to reach Redis`);
  }
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server1?.stop();
  await server2?.stop();
  await redis?.stop();
  if (redisDir) rmSync(redisDir, { recursive: true, force: true });
});

const hook = (p, name) => p.page.evaluate((n) => window.squiggle[n](), name);

// Screenshots of `p` until `box` holds at least `min` ink pixels (frames may
// still be in flight); resolves with the last screenshot and its ink count.
async function awaitInk(p, name, box, min) {
  let shot, ink = 0;
  for (let i = 0; i < 50 && ink < min; i++) {
    shot = await screenshotPng(p.page, name);
    ink = inkPixels(shot, box);
  }
  return { shot, ink };
}

test('two server processes share a board through Redis; a Redis restart pauses and resumes saving', async () => {
  const logsOnFailure = () =>
    `\n--- server 1 ---\n${server1.logs.join('\n')}\n--- server 2 ---\n${server2.logs.join('\n')}` +
    `\n--- redis ---\n${redis.logs.join('\n')}`;
  try {
    // A opens a new board on server 1; B opens the same link on server 2.
    const a = await openBoard(chromium.browser, server1.url);
    const link = new URL(a.page.url());
    const boardId = await hook(a, 'boardId');
    assert.ok(link.hash.includes(boardId), `address bar ${link} holds the board id`);
    assert.equal(link.port, String(server1.port));
    link.port = String(server2.port);
    const b = await openBoard(chromium.browser, link.href);
    assert.equal(new URL(b.page.url()).port, String(server2.port), 'B is on the other server process');
    assert.equal(await hook(b, 'boardId'), boardId);
    assert.equal(await hook(b, 'role'), 'editor');
    // Presence crosses the processes: each page counts both people.
    for (const p of [a, b]) await p.page.waitForFunction(() => window.squiggle.participants() === 2);
    for (const p of [a, b]) assert.equal(await hook(p, 'writable'), true);

    await nextFrames(b.page);
    const blank = await screenshotPng(b.page, 'redis-b-before');
    assert.equal(inkPixels(blank, box1) + inkPixels(blank, box2), 0, 'B starts with an empty board');

    // 1. A draws; B, on the other process, receives it through Redis.
    await drawPath(a.page, path1);
    await a.page.waitForFunction(() => window.squiggle.headSeq() === 1 && window.squiggle.pendingCount() === 0);
    await b.page.waitForFunction(() => window.squiggle.headSeq() === 1);
    const hash1 = await hook(a, 'stateHash');
    assert.match(hash1, /^[0-9a-f]{16}$/);
    assert.equal(await hook(b, 'stateHash'), hash1, 'both pages hold the same board');
    assert.equal(await hook(b, 'objectCount'), 1);
    const first = await awaitInk(b, 'redis-b-first-stroke', box1, STROKE_MIN);
    assert.ok(first.ink >= STROKE_MIN, `B's canvas shows A's stroke (${first.ink} ink pixels)`);
    assert.equal(inkPixels(first.shot, box2), 0, 'nothing yet where the second stroke will go');
    assert.equal(inkPixels(first.shot, emptyBox), 0, 'no ink away from the stroke');
    await nextFrames(a.page);
    const aBefore = await screenshotPng(a.page, 'redis-a-before-outage');
    assert.equal(badgePixels(aBefore), 0, 'no "Saving paused" badge while Redis is up');

    // 2. Redis dies. Both processes tell their pages; saving pauses.
    await redis.kill();
    for (const p of [a, b]) {
      await p.page.waitForFunction(() => window.squiggle.writable() === false, null, { timeout: 30000 });
      assert.equal(await hook(p, 'connectionState'), 'connected', 'the page stays connected to its server');
    }
    await nextFrames(a.page);
    const paused = await screenshotPng(a.page, 'redis-a-saving-paused');
    const red = badgePixels(paused);
    assert.ok(red >= BADGE_MIN, `A's status bar shows the red "Saving paused" badge (${red} badge-red pixels)`);
    await nextFrames(b.page);
    const pausedB = await screenshotPng(b.page, 'redis-b-saving-paused');
    assert.ok(badgePixels(pausedB) >= BADGE_MIN, 'B shows the badge too');

    // A draws while Redis is down: the stroke is drawn (as pending), kept,
    // and not sent.
    const sentBefore = await hook(a, 'opsSent');
    await drawPath(a.page, path2);
    await a.page.waitForFunction(() => window.squiggle.pendingCount() === 1);
    await nextFrames(a.page);
    const kept = await screenshotPng(a.page, 'redis-a-stroke-kept');
    assert.ok(inkPixels(kept, box2) >= STROKE_MIN, 'A draws the kept stroke at once');
    assert.ok(badgePixels(kept) >= BADGE_MIN, 'the badge is still up');
    assert.equal(await hook(a, 'opsSent'), sentBefore, 'the kept stroke was not sent while saving is paused');
    assert.equal(await hook(a, 'pendingCount'), 1, 'the stroke stays pending');
    assert.equal(await hook(a, 'headSeq'), 1);
    assert.equal(await hook(b, 'headSeq'), 1, 'B got nothing new');
    assert.equal(await hook(b, 'stateHash'), hash1);

    // 3. Redis comes back on the same port with the same dir (AOF reloaded).
    await redis.start();
    for (const p of [a, b]) {
      await p.page.waitForFunction(() => window.squiggle.writable() === true, null, { timeout: 30000 });
    }
    // A resends the kept stroke; it is ordered as seq 2 and reaches B.
    await a.page.waitForFunction(() => window.squiggle.pendingCount() === 0 && window.squiggle.headSeq() === 2,
                                 null, { timeout: 30000 });
    await b.page.waitForFunction(() => window.squiggle.headSeq() === 2, null, { timeout: 30000 });
    const hash2 = await hook(a, 'stateHash');
    assert.notEqual(hash2, hash1, 'the board changed');
    assert.equal(await hook(b, 'stateHash'), hash2, 'both pages hold the same board again');
    for (const p of [a, b]) {
      assert.equal(await hook(p, 'headSeq'), 2, 'the board head counts both strokes');
      assert.equal(await hook(p, 'objectCount'), 2);
    }
    assert.equal(await hook(a, 'opsSent'), sentBefore + 1, 'the kept stroke went out once');
    // Redis holds both strokes, the first one through the SIGKILL.
    assert.equal(await redis.command('XLEN', `squiggle:{${boardId}}:log`), ':2', 'Redis stores both strokes');

    // The frame that showed the change may still lay out the status of the
    // one before: screenshot once two more frames are drawn.
    await nextFrames(b.page);
    const second = await awaitInk(b, 'redis-b-after-resume', box2, STROKE_MIN);
    assert.ok(second.ink >= STROKE_MIN, `B's canvas shows the stroke drawn during the outage (${second.ink} ink pixels)`);
    assert.ok(inkPixels(second.shot, box1) >= STROKE_MIN, 'and still the first one');
    assert.equal(inkPixels(second.shot, emptyBox), 0, 'no ink away from the strokes');
    assert.equal(badgePixels(second.shot), 0, 'B\'s badge is gone');
    await nextFrames(a.page);
    const resumed = await screenshotPng(a.page, 'redis-a-after-resume');
    assert.equal(badgePixels(resumed), 0, 'A\'s "Saving paused" badge is gone');

    for (const p of [a, b]) assert.deepEqual(p.errors, [], 'no page errors');
  } catch (e) {
    // The reporter prints the stack, which already holds the message.
    const logs = logsOnFailure();
    e.message += logs;
    if (typeof e.stack === 'string') e.stack += logs;
    throw e;
  }
});
