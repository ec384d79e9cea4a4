// Read-only links, as people use them: the editor's page offers a view link;
// whoever opens it sees the board live but cannot draw on it. A link with a
// wrong key, or none, opens nothing and says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  webDist, startServer, launchBrowser, openBoard, screenshotPng, drawPath, inkPixels, countPixels, nextFrames,
} from './harness.mjs';

// A's stroke, and where B (the viewer) tries to draw.
const path = [[450, 330], [520, 420], [590, 340], [660, 430], [730, 350], [800, 440]];
const strokeBox = { x0: 440, y0: 320, x1: 810, y1: 450 };
const viewerPath = [[420, 520], [500, 600], [580, 520], [660, 600]];
const viewerBox = { x0: 410, y0: 510, x1: 670, y1: 610 };
// The "View only" badge's colour (toolbar.cpp, kViewOnlyColor).
const viewOnlyRgb = [0xe8, 0x59, 0x0c];
const keyPattern = /^[A-Za-z0-9_-]{21}[AQgw]$/;
// Error text (toolbar.cpp, kErrorText).
const errorRgb = [191, 26, 26];

// The page shows an error in red: in the banner and in the status bar.
function assertErrorShown(png, what) {
  const red = countPixels(png, { x0: 0, y0: 0, x1: png.width, y1: png.height }, errorRgb, 60);
  assert.ok(red >= 200, `${what}: the error is shown in red (${red} pixels)`);
}

let server, chromium;

before(async () => {
  const dist = webDist();
  server = await startServer({ webRoot: dist });
  chromium = await launchBrowser();
});

after(async () => {
  await chromium?.close();
  await server?.stop();
});

function linkParams(link) {
  const params = new URLSearchParams(new URL(link).hash.slice(1));
  return { board: params.get('b'), key: params.get('k') };
}

test('a view link shows the board live and refuses drawing', async () => {
  // A opens the bare page: a new board with a new edit key in the address bar.
  const a = await openBoard(chromium.browser, server.url);
  await a.page.waitForFunction(() => window.squiggle.role() === 'editor' && window.squiggle.viewLink() !== null);
  const boardId = await a.page.evaluate(() => window.squiggle.boardId());
  const editLink = await a.page.evaluate(() => window.squiggle.editLink());
  const viewLink = await a.page.evaluate(() => window.squiggle.viewLink());
  assert.equal(editLink, a.page.url(), 'the address bar holds the edit link');
  const edit = linkParams(editLink);
  const view = linkParams(viewLink);
  assert.equal(edit.board, boardId);
  assert.equal(view.board, boardId);
  assert.match(edit.key, keyPattern, 'edit key: 128 bits of base64url');
  assert.match(view.key, keyPattern, 'view key: 128 bits of base64url');
  assert.notEqual(view.key, edit.key);

  await drawPath(a.page, path);
  await a.page.waitForFunction(() => window.squiggle.headSeq() >= 1 && window.squiggle.pendingCount() === 0);
  const headA = await a.page.evaluate(() => window.squiggle.headSeq());
  const hashA = await a.page.evaluate(() => window.squiggle.stateHash());

  // B opens the view link: same board, read-only.
  const b = await openBoard(chromium.browser, viewLink);
  await b.page.waitForFunction(() => window.squiggle.role() === 'viewer');
  await b.page.waitForFunction((h) => window.squiggle.headSeq() === h, headA);
  assert.equal(await b.page.evaluate(() => window.squiggle.stateHash()), hashA, 'B holds the same board');
  assert.equal(await b.page.evaluate(() => window.squiggle.viewLink()), viewLink, "a viewer's link is its own");
  assert.equal(await b.page.evaluate(() => window.squiggle.editLink()), null, 'a viewer gets no edit link');
  await a.page.waitForFunction(() => window.squiggle.participants() === 2);

  // B shows the stroke and says "View only".
  let shot;
  let ink = 0;
  for (let i = 0; i < 50 && ink < 200; i++) {
    shot = await screenshotPng(b.page, 'viewer-before-drawing');
    ink = inkPixels(shot, strokeBox);
  }
  assert.ok(ink >= 200, `B's canvas shows A's stroke (${ink} ink pixels)`);
  const badge = countPixels(shot, { x0: 0, y0: 0, x1: shot.width, y1: shot.height }, viewOnlyRgb, 40);
  assert.ok(badge >= 200, `B shows the "View only" badge (${badge} badge pixels)`);
  assert.equal(inkPixels(shot, viewerBox), 0, 'nothing where B will try to draw');

  // B tries to draw. Its pointer reaches A as B's cursor: once A sees it at
  // the end of the drag, B has handled every one of those mouse events.
  const objectsB = await b.page.evaluate(() => window.squiggle.objectCount());
  await drawPath(b.page, viewerPath);
  const [endX, endY] = viewerPath[viewerPath.length - 1];
  await a.page.waitForFunction(([x, y]) => (window.squiggle.peers() ?? []).some(
    (p) => p.cursor && p.cursor.x === x * 16 && p.cursor.y === y * 16), [endX, endY]);

  assert.equal(await b.page.evaluate(() => window.squiggle.objectCount()), objectsB, "B's board is unchanged");
  assert.equal(await b.page.evaluate(() => window.squiggle.stateHash()), hashA);
  assert.equal(await b.page.evaluate(() => window.squiggle.pendingCount()), 0, 'B holds no pending stroke');
  assert.equal(await b.page.evaluate(() => window.squiggle.opsSent()), 0, 'B sent no op');
  assert.equal(await a.page.evaluate(() => window.squiggle.headSeq()), headA, "A's board is unchanged");
  assert.equal(await a.page.evaluate(() => window.squiggle.stateHash()), hashA);

  await nextFrames(b.page);
  shot = await screenshotPng(b.page, 'viewer-after-drawing');
  assert.equal(inkPixels(shot, viewerBox), 0, "B's drag left no ink on B's canvas");
  await screenshotPng(a.page, 'editor-with-viewer');

  for (const p of [a, b]) assert.deepEqual(p.errors, [], 'no page errors');
});

test('a wrong key opens nothing and says why', async () => {
  const a = await openBoard(chromium.browser, server.url);
  const boardId = await a.page.evaluate(() => window.squiggle.boardId());
  const wrongKey = 'w'.repeat(22);  // the right shape, not this board's key
  const c = await openBoard(chromium.browser, `${server.url}#b=${boardId}&k=${wrongKey}`, { connected: false });
  await c.page.waitForFunction(() => window.squiggle.connectionState() === 'offline');
  assert.equal(await c.page.evaluate(() => window.squiggle.role()), null);
  assert.equal(await c.page.evaluate(() => window.squiggle.boardId()), boardId);
  assert.match(await c.page.evaluate(() => window.squiggle.banner()), /key is wrong or missing/);
  assert.equal(await c.page.evaluate(() => window.squiggle.headSeq()), 0);
  await nextFrames(c.page);
  assertErrorShown(await screenshotPng(c.page, 'wrong-key'), 'wrong key');

  // A link without any key: the same message, without even asking the server.
  const d = await openBoard(chromium.browser, `${server.url}#b=${boardId}`, { connected: false });
  await d.page.waitForFunction(() => window.squiggle.connectionState() === 'offline');
  assert.equal(await d.page.evaluate(() => window.squiggle.role()), null);
  assert.match(await d.page.evaluate(() => window.squiggle.banner()), /key is wrong or missing/);
  assert.equal(d.page.url(), `${server.url}#b=${boardId}`, 'the link is left as it was');
  await nextFrames(d.page);
  assertErrorShown(await screenshotPng(d.page, 'missing-key'), 'missing key');

  // A is unaffected.
  assert.equal(await a.page.evaluate(() => window.squiggle.connectionState()), 'connected');
  for (const p of [a, c, d]) assert.deepEqual(p.errors, [], 'no page errors');
});
