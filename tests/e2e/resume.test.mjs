// Catching up, as people meet it: someone joining a long-lived board whose
// early log the server has compacted gets a snapshot plus the tail; a server
// restart sends the pages away and they come back to the same board.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  webDist, startServer, launchBrowser, openBoard, screenshotPng, drawPath, inkPixels, nextFrames,
} from './harness.mjs';

let chromium, dist, dataDir;

before(async () => {
  dist = webDist();
  chromium = await launchBrowser();
  dataDir = mkdtempSync(join(tmpdir(), 'squiggle-e2e-resume-'));
});

after(async () => {
  await chromium?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// Short strokes in a grid over the free part of the canvas.
function strokeAt(i) {
  const x = 380 + (i % 6) * 90;
  const y = 250 + Math.floor(i / 6) * 90;
  return [[x, y], [x + 50, y + 40], [x + 70, y]];
}
const gridBox = { x0: 370, y0: 240, x1: 920, y1: 520 };

async function drawStrokes(page, from, count) {
  for (let i = from; i < from + count; i++) await drawPath(page, strokeAt(i));
  await page.waitForFunction((n) => window.squiggle.objectCount() === n && window.squiggle.pendingCount() === 0,
                             from + count);
}

test('a late joiner gets a snapshot and the tail, and the same board; a restart is survived', async () => {
  // Compact after every 10 ops, keeping only the newest 2 in the log.
  const serverArgs = ['--snapshot-every', '10', '--log-retain', '2'];
  let server = await startServer({ webRoot: dist, dataDir, args: serverArgs });
  try {
    const a = await openBoard(chromium.browser, server.url);
    await drawStrokes(a.page, 0, 13);
    const head = await a.page.evaluate(() => window.squiggle.headSeq());
    const hash = await a.page.evaluate(() => window.squiggle.stateHash());
    assert.equal(await a.page.evaluate(() => window.squiggle.snapshotsLoaded()), 0);

    const b = await openBoard(chromium.browser, a.page.url());
    await b.page.waitForFunction((h) => window.squiggle.headSeq() === h, head);
    assert.equal(await b.page.evaluate(() => window.squiggle.snapshotsLoaded()), 1, 'B started from a snapshot');
    assert.equal(await b.page.evaluate(() => window.squiggle.stateHash()), hash, 'B holds the same board');
    assert.equal(await b.page.evaluate(() => window.squiggle.objectCount()), 13);
    await nextFrames(b.page);
    const shot = await screenshotPng(b.page, 'resume-late-joiner');
    assert.ok(inkPixels(shot, gridBox) >= 13 * 60, 'B draws the strokes that came in the snapshot');

    // The server restarts on the same port: both pages are told, reconnect
    // with their backoff and resume from where they were.
    const port = server.port;
    await server.stop();
    await a.page.waitForFunction(() => window.squiggle.connectionState() === 'reconnecting');
    await b.page.waitForFunction(() => window.squiggle.connectionState() === 'reconnecting');
    server = await startServer({ webRoot: dist, dataDir, port, args: serverArgs });
    for (const p of [a, b]) {
      await p.page.waitForFunction(() => window.squiggle.connectionState() === 'connected', null, { timeout: 60000 });
      assert.equal(await p.page.evaluate(() => window.squiggle.role()), 'editor');
    }

    // Drawing goes on; both end on the same board.
    await drawStrokes(a.page, 13, 2);
    const head2 = await a.page.evaluate(() => window.squiggle.headSeq());
    await b.page.waitForFunction((h) => window.squiggle.headSeq() === h, head2);
    assert.equal(await b.page.evaluate(() => window.squiggle.stateHash()),
                 await a.page.evaluate(() => window.squiggle.stateHash()));
    await screenshotPng(a.page, 'resume-after-restart');

    for (const p of [a, b]) assert.deepEqual(p.errors, [], 'no page errors');
  } finally {
    await server.stop();
  }
});
