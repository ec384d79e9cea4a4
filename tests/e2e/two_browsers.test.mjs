// Two people on one board, as a person would use it: real server, real pages,
// real mouse events; what B sees is checked on B's pixels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { webDist, startServer, launchBrowser, openBoard, screenshotPng } from './harness.mjs';

// A pixel clearly darker than the white board.
function inkPixels(png, box) {
  let count = 0;
  for (let y = box.y0; y < box.y1; y++) {
    for (let x = box.x0; x < box.x1; x++) {
      const i = (y * png.width + x) * 4;
      if (765 - png.data[i] - png.data[i + 1] - png.data[i + 2] > 150) count++;
    }
  }
  return count;
}

// The stroke A draws: a zig-zag in the free area of the canvas.
const path = [[450, 330], [520, 420], [590, 340], [660, 430], [730, 350], [800, 440]];
const strokeBox = { x0: 440, y0: 320, x1: 810, y1: 450 };

let server, chromium, dist;

before(async () => {
  dist = webDist();
  server = await startServer({ webRoot: dist });
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

test('a stroke drawn in A appears on B, and both hold the same board', async () => {
  // A opens the bare page: a new board is made and its link put in the address bar.
  const a = await openBoard(chromium.browser, server.url);
  const link = a.page.url();
  const boardId = await a.page.evaluate(() => window.squiggle.boardId());
  assert.match(boardId, /^[A-Za-z0-9_-]{21}[AQgw]$/, 'board id is 128 bits of base64url');
  assert.ok(link.includes(boardId), `address bar ${link} holds the board id`);

  // B opens the link from A's address bar and joins the same board.
  const b = await openBoard(chromium.browser, link);
  assert.equal(await b.page.evaluate(() => window.squiggle.boardId()), boardId);
  await a.page.waitForFunction(() => window.squiggle.participants() === 2);
  await b.page.waitForFunction(() => window.squiggle.participants() === 2);

  const blank = await screenshotPng(b.page, 'b-before');
  assert.equal(inkPixels(blank, strokeBox), 0, 'B starts with an empty board where A will draw');

  // A draws with real mouse events.
  await a.page.mouse.move(...path[0]);
  await a.page.mouse.down();
  for (const [x, y] of path.slice(1)) await a.page.mouse.move(x, y, { steps: 8 });
  await a.page.mouse.up();

  // The op goes to the server, gets seq 1, and comes back to both pages.
  await a.page.waitForFunction(() => window.squiggle.headSeq() >= 1 && window.squiggle.pendingCount() === 0);
  await b.page.waitForFunction(() => window.squiggle.headSeq() >= 1);
  const headA = await a.page.evaluate(() => window.squiggle.headSeq());
  await b.page.waitForFunction((h) => window.squiggle.headSeq() === h, headA);
  assert.equal(await b.page.evaluate(() => window.squiggle.objectCount()), headA);
  const hashA = await a.page.evaluate(() => window.squiggle.stateHash());
  const hashB = await b.page.evaluate(() => window.squiggle.stateHash());
  assert.match(hashA, /^[0-9a-f]{16}$/);
  assert.equal(hashB, hashA, 'both pages hold the same board');

  // B shows the stroke on its canvas. The next frames may still be in flight:
  // poll screenshots until ink appears (bounded by the test timeout).
  let shot;
  let ink = 0;
  for (let i = 0; i < 50 && ink < 200; i++) {
    shot = await screenshotPng(b.page, 'b-after');
    ink = inkPixels(shot, strokeBox);
  }
  assert.ok(ink >= 200, `B's canvas shows the stroke (${ink} ink pixels)`);
  // The ink follows the path: the middle of the first segment is inked...
  const [x0, y0] = path[0], [x1, y1] = path[1];
  const mid = { x0: Math.round((x0 + x1) / 2) - 4, y0: Math.round((y0 + y1) / 2) - 4 };
  assert.ok(inkPixels(shot, { ...mid, x1: mid.x0 + 8, y1: mid.y0 + 8 }) > 0, 'ink lies on the drawn path');
  // ...and a spot well away from it is not.
  assert.equal(inkPixels(shot, { x0: 450, y0: 600, x1: 520, y1: 650 }), 0, 'no ink away from the path');
  await screenshotPng(a.page, 'a-after');

  // A late joiner (a reload is the same) sees the whole board.
  const c = await openBoard(chromium.browser, link);
  await c.page.waitForFunction((h) => window.squiggle.headSeq() === h, headA);
  assert.equal(await c.page.evaluate(() => window.squiggle.stateHash()), hashA);

  for (const p of [a, b, c]) assert.deepEqual(p.errors, [], 'no page errors');
});
