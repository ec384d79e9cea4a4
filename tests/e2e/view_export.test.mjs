// The view and the exports, as people use them: real server, two pages on one
// board, real mouse, wheel and keyboard events. Zooming is each page's own
// business (pixels change, the board does not), with the wheel, ctrl+wheel,
// keys, middle or space drags and two-finger pinches; zoom-to-fit finds far
// strokes; PNG, SVG and JSON exports hold the board; a JSON file imported on
// one page becomes the board everyone sees.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { PNG } from 'pngjs';
import { webDist, startServer, launchBrowser, openBoard, drawPath, nextFrames, screenshotPng, inkPixels,
         countPixels, artifactsDir } from './harness.mjs';

const kUnitsPerPixel = 16;
const kInk = [0x1e, 0x1e, 0x1e];  // the pen's default colour

// Stroke 1, drawn at 100% clear of the panels.
const path1 = [[520, 400], [580, 470], [640, 410], [700, 480], [760, 420], [820, 490]];

let server, chromium, a, b;

before(async () => {
  const dist = webDist();
  server = await startServer({ webRoot: dist });
  chromium = await launchBrowser();
  a = await openBoard(chromium.browser, server.url);
  b = await openBoard(chromium.browser, a.page.url());
  await a.page.waitForFunction(() => window.squiggle.participants() === 2);
  await b.page.waitForFunction(() => window.squiggle.participants() === 2);
});

after(async () => {
  for (const p of [a, b]) if (p) assert.deepEqual(p.errors, [], 'no page errors');
  await chromium?.close();
  await server?.stop();
});

// A pixel of the strokes' colour (the peers' cursors and labels are not).
function isInk(png, i) {
  return Math.abs(png.data[i] - kInk[0]) + Math.abs(png.data[i + 1] - kInk[1]) + Math.abs(png.data[i + 2] - kInk[2]) <= 90;
}

// The bounding box of the strokes' ink within `area` of a screenshot (null if none).
function inkBox(png, area) {
  let box = null;
  for (let y = area.y0; y < area.y1; y++) {
    for (let x = area.x0; x < area.x1; x++) {
      const i = (y * png.width + x) * 4;
      if (!isInk(png, i)) continue;
      box = box ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) }
                : { x0: x, y0: y, x1: x, y1: y };
    }
  }
  return box;
}

// The canvas below the tool panel and above the status bar, where strokes are drawn.
const boardArea = { x0: 0, y0: 330, x1: 1000, y1: 660 };

// Waits until both pages hold `head` ops and nothing is pending.
async function settled(head) {
  for (const p of [a, b]) {
    await p.page.waitForFunction((h) => window.squiggle.headSeq() === h && window.squiggle.pendingCount() === 0, head);
  }
}

async function stateHashes() {
  return Promise.all([a, b].map((p) => p.page.evaluate(() => window.squiggle.stateHash())));
}

// Clicks an interface button with the mouse, the way a person does: hover, press, release.
async function clickUi(page, label) {
  await nextFrames(page);
  const rect = await page.evaluate((l) => window.squiggle.uiButton(l), label);
  assert.ok(rect, `button "${label}" is on screen`);
  await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2);
  await nextFrames(page);
  await page.mouse.down();
  await nextFrames(page);
  await page.mouse.up();
  await nextFrames(page);
}

// Where a model point is on a page's canvas, in CSS pixels.
async function onScreen(page, [mx, my]) {
  const v = await page.evaluate(() => window.squiggle.view());
  return [(mx - v.originX) / v.unitsPerPx, (my - v.originY) / v.unitsPerPx];
}

// Pixels of the strokes' colour within a few pixels of the on-screen position
// of each given model point.
async function inkAtPoints(page, png, points) {
  const counts = [];
  for (const p of points) {
    const [x, y] = (await onScreen(page, p)).map(Math.round);
    counts.push(countPixels(png, { x0: x - 5, y0: y - 5, x1: x + 6, y1: y + 6 }, kInk, 90));
  }
  return counts;
}

// The frame the exports use (client-wasm/src/export_frame.cpp): drawn bounds
// plus 16 px, at 100% unless longer than 4096 px.
function exportSize(objects) {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const o of objects) {
    const grow = Math.floor(o.width / 2) + 1;
    for (const [x, y] of o.points) {
      minX = Math.min(minX, x - grow); maxX = Math.max(maxX, x + grow);
      minY = Math.min(minY, y - grow); maxY = Math.max(maxY, y + grow);
    }
  }
  const w = (maxX - minX) / kUnitsPerPixel, h = (maxY - minY) / kUnitsPerPixel;
  const zoom = Math.min(1, (4096 - 32) / Math.max(w, h, 1));
  return { width: Math.ceil(w * zoom) + 32, height: Math.ceil(h * zoom) + 32 };
}

let exported;  // A's JSON export of the two strokes

test('zooming changes where a stroke is on A, not on B nor the board', async () => {
  await drawPath(a.page, path1);
  await settled(1);
  const hashesBefore = await stateHashes();
  assert.equal(hashesBefore[0], hashesBefore[1], 'both pages hold the same board');

  await nextFrames(a.page);
  await nextFrames(b.page);
  const aBefore = inkBox(await screenshotPng(a.page, 'view-a-before-zoom'), boardArea);
  const bBefore = inkBox(await screenshotPng(b.page, 'view-b-before-zoom'), boardArea);
  assert.ok(aBefore && bBefore, 'both pages show the stroke');
  assert.ok(Math.abs(aBefore.x0 - bBefore.x0) <= 2 && Math.abs(aBefore.x1 - bBefore.x1) <= 2, 'at the same place');

  // Three wheel notches towards the screen, with the pointer at the stroke's start.
  await a.page.mouse.move(...path1[0]);
  for (let i = 0; i < 3; i++) await a.page.mouse.wheel(0, -100);
  await a.page.waitForFunction(() => window.squiggle.view().zoom > 1.5);
  const zoom = await a.page.evaluate(() => window.squiggle.view().zoom);
  // The board point under the pointer (at 100% from the origin) stayed there.
  const [ax, ay] = await onScreen(a.page, [520 * kUnitsPerPixel, 400 * kUnitsPerPixel]);
  assert.ok(Math.abs(ax - 520) < 0.01 && Math.abs(ay - 400) < 0.01, `the point under the pointer is at ${ax}, ${ay}`);
  await nextFrames(a.page);
  await nextFrames(b.page);
  const aShot = await screenshotPng(a.page, 'view-a-zoomed');
  const aAfter = inkBox(aShot, boardArea);
  const bAfter = inkBox(await screenshotPng(b.page, 'view-b-while-a-zoomed'), boardArea);
  assert.ok(aAfter, 'A still shows the stroke');
  // Anchored at its start, the stroke grew by the zoom: it runs right out of the canvas.
  assert.ok(Math.abs(aAfter.x0 - aBefore.x0) <= 3 * zoom, `left end stays put (${aAfter.x0} vs ${aBefore.x0})`);
  assert.ok(aAfter.y1 - aAfter.y0 > (aBefore.y1 - aBefore.y0) * 1.4, 'the stroke is drawn bigger');
  assert.ok(aAfter.x1 > aBefore.x1 + 100, 'its right end moved right');
  // (Give or take a pixel the peer cursor's arrow, which followed A's pointer, covered.)
  for (const k of ['x0', 'y0', 'x1', 'y1']) assert.ok(Math.abs(bAfter[k] - bBefore[k]) <= 2, `B's stroke did not move (${k})`);
  assert.deepEqual(await b.page.evaluate(() => window.squiggle.view()), { originX: 0, originY: 0, unitsPerPx: 16, zoom: 1 },
                   "B's view did not change");
  assert.deepEqual(await stateHashes(), hashesBefore, 'zooming changes nothing on the board');

  // Ctrl+wheel (what a trackpad pinch sends) zooms the board in finer steps, not the page.
  await a.page.keyboard.down('Control');
  await a.page.mouse.wheel(0, 20);
  await a.page.keyboard.up('Control');
  await a.page.waitForFunction((z) => window.squiggle.view().zoom < z, zoom);
  const pinched = await a.page.evaluate(() => window.squiggle.view().zoom);
  assert.ok(pinched > zoom * 0.7, `a small pinch is a small step (${zoom} -> ${pinched})`);
  assert.equal(await a.page.evaluate(() => window.visualViewport.scale), 1, 'the page itself did not zoom');

  // 0 goes back to 100%.
  await a.page.keyboard.press('0');
  await a.page.waitForFunction(() => Math.abs(window.squiggle.view().zoom - 1) < 1e-9);
});

test('a stroke far away is culled until zoom-to-fit brings it into view', async () => {
  // A pans 1400 px to the left, with the middle button and then with the
  // space bar held, and draws there.
  const start = await a.page.evaluate(() => window.squiggle.view());
  await a.page.mouse.move(900, 560);
  await a.page.mouse.down({ button: 'middle' });
  await a.page.mouse.move(200, 560, { steps: 10 });
  await a.page.mouse.up({ button: 'middle' });
  await a.page.keyboard.down('Space');
  await drawPath(a.page, [[900, 560], [200, 560]]);
  await a.page.keyboard.up('Space');
  const panned = await a.page.evaluate(() => window.squiggle.view());
  assert.equal(panned.originX - start.originX, 1400 * kUnitsPerPixel, 'the board moved with the drags');
  assert.equal(panned.originY, start.originY);
  assert.equal(await a.page.evaluate(() => window.squiggle.headSeq()), 1, 'panning drew nothing');
  await drawPath(a.page, [[600, 560], [650, 600], [700, 560], [750, 600]]);
  await settled(2);

  exported = JSON.parse(await a.page.evaluate(() => window.squiggle.exportJson()));
  assert.equal(exported.objects.length, 2);
  const farPoint = exported.objects[1].points[0];
  assert.ok(farPoint[0] - exported.objects[0].points[0][0] > 1000 * kUnitsPerPixel, 'the second stroke is far to the right');

  // B still looks at the origin: the far stroke is off its canvas, and not drawn.
  await nextFrames(b.page);
  assert.equal(await b.page.evaluate(() => window.squiggle.drawnObjects()), 1, 'B draws only the stroke in view');
  let shot = await screenshotPng(b.page, 'view-b-before-fit');
  const [fx] = await onScreen(b.page, farPoint);
  assert.ok(fx > 1000, 'the far stroke is beyond B\'s right edge');

  // Shift+1 on B: everything in view.
  await b.page.keyboard.down('Shift');
  await b.page.keyboard.press('Digit1');
  await b.page.keyboard.up('Shift');
  await b.page.waitForFunction(() => window.squiggle.view().zoom < 1);
  await nextFrames(b.page);
  assert.equal(await b.page.evaluate(() => window.squiggle.drawnObjects()), 2);
  shot = await screenshotPng(b.page, 'view-b-after-fit');
  const firstPoints = exported.objects.map((o) => o.points[Math.floor(o.points.length / 2)]);
  for (const [i, count] of (await inkAtPoints(b.page, shot, firstPoints)).entries()) {
    assert.ok(count > 0, `stroke ${i + 1} is on B's canvas after zoom-to-fit`);
  }

  // A's "Fit" button does the same.
  await clickUi(a.page, 'Fit');
  await a.page.waitForFunction(() => window.squiggle.view().zoom < 1);
  await nextFrames(a.page);
  const aShot = await screenshotPng(a.page, 'view-a-after-fit-button');
  for (const count of await inkAtPoints(a.page, aShot, firstPoints)) assert.ok(count > 0);
});

test('the PNG export has the board\'s size and shows the strokes in their colour', async () => {
  const bytes = await a.page.evaluate(() => Array.from(window.squiggle.exportPng()));
  const png = PNG.sync.read(Buffer.from(bytes));
  const expected = exportSize(exported.objects);
  assert.equal(png.width, expected.width);
  assert.equal(png.height, expected.height);
  const ink = countPixels(png, { x0: 0, y0: 0, x1: png.width, y1: png.height }, kInk, 24);
  assert.ok(ink > 300, `the strokes' colour fills ${ink} pixels`);
  // White everywhere else: the corners are margin.
  assert.equal(countPixels(png, { x0: 0, y0: 0, x1: 12, y1: 12 }, [255, 255, 255], 0), 144);

  // The PNG button downloads the same picture.
  const downloaded = a.page.waitForEvent('download');
  await clickUi(a.page, 'PNG');
  const download = await downloaded;
  assert.match(download.suggestedFilename(), /^squigglesync-.*\.png$/);
  const file = PNG.sync.read(readFileSync(await download.path()));
  assert.equal(file.width, png.width);
  assert.equal(file.height, png.height);
  // Saved for a look.
  mkdirSync(artifactsDir, { recursive: true });
  writeFileSync(`${artifactsDir}/view-export.png`, PNG.sync.write(png));
});

test('the SVG export parses and holds one path per stroke', async () => {
  const svg = await a.page.evaluate(() => window.squiggle.exportSvg());
  const parsed = await b.page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    if (doc.querySelector('parsererror')) return null;
    const root = doc.documentElement;
    return {
      root: root.localName,
      width: Number(root.getAttribute('width')),
      paths: Array.from(root.children).map((e) => ({ name: e.localName, stroke: e.getAttribute('stroke'),
                                                     width: e.getAttribute('stroke-width'),
                                                     d: e.getAttribute('d') })),
    };
  }, svg);
  assert.ok(parsed, 'the SVG is well-formed');
  assert.equal(parsed.root, 'svg');
  assert.equal(parsed.width, exportSize(exported.objects).width);
  assert.equal(parsed.paths.length, 2, 'one element per object');
  for (const [i, p] of parsed.paths.entries()) {
    assert.equal(p.name, 'path');
    assert.equal(p.stroke, '#1e1e1e');
    assert.equal(Number(p.width), exported.objects[i].width / kUnitsPerPixel);
    assert.equal(p.d.split('L').length, exported.objects[i].points.length, 'every point of the stroke');
  }

  const downloaded = a.page.waitForEvent('download');
  await clickUi(a.page, 'SVG');
  const download = await downloaded;
  assert.equal(readFileSync(await download.path(), 'utf8'), svg, 'the SVG button downloads the same file');
});

test('a JSON file exported on A and imported on B becomes the board on both pages', async () => {
  const downloaded = a.page.waitForEvent('download');
  await clickUi(a.page, 'JSON');
  const file = await (await downloaded).path();
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), exported);

  // A changes the board after exporting: a third stroke, which the import replaces.
  await a.page.keyboard.press('0');
  await a.page.waitForFunction(() => window.squiggle.view().zoom === 1);
  await drawPath(a.page, [[400, 600], [480, 620]]);
  await settled(3);
  assert.equal(await a.page.evaluate(() => window.squiggle.objectCount()), 3);
  const replaced = JSON.parse(await a.page.evaluate(() => window.squiggle.exportJson())).objects[2].points[0];

  const chooser = b.page.waitForEvent('filechooser');
  await clickUi(b.page, 'Import JSON...');
  await (await chooser).setFiles(file);
  // One clear and two strokes.
  await settled(6);
  for (const p of [a, b]) {
    assert.equal(await p.page.evaluate(() => window.squiggle.objectCount()), 2);
    assert.deepEqual(JSON.parse(await p.page.evaluate(() => window.squiggle.exportJson())), exported,
                     'the board holds exactly the file\'s objects');
  }
  const hashes = await stateHashes();
  assert.equal(hashes[0], hashes[1]);

  // Both see them once they look at everything.
  for (const [name, p] of [['a', a], ['b', b]]) {
    await p.page.keyboard.down('Shift');
    await p.page.keyboard.press('Digit1');
    await p.page.keyboard.up('Shift');
    await p.page.waitForFunction(() => window.squiggle.view().zoom < 1);
    await nextFrames(p.page);
    const shot = await screenshotPng(p.page, `view-${name}-after-import`);
    const middles = exported.objects.map((o) => o.points[Math.floor(o.points.length / 2)]);
    for (const count of await inkAtPoints(p.page, shot, middles)) assert.ok(count > 0, `${name} shows the imported strokes`);
    // The third stroke is gone: its start is blank now.
    const [gx, gy] = (await onScreen(p.page, replaced)).map(Math.round);
    assert.equal(inkPixels(shot, { x0: gx - 3, y0: gy - 3, x1: gx + 4, y1: gy + 4 }), 0, `${name}: the replaced stroke is gone`);
  }
});

test('the canvas renders at the device pixel ratio', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(a.page.url());
  await page.waitForFunction(() => window.squiggle?.ready?.() && window.squiggle.headSeq() === 6);
  await page.waitForFunction(() => document.getElementById('canvas').width === 1600);
  assert.equal(await page.evaluate(() => document.getElementById('canvas').height), 1200);
  // The tool panel's buttons are where the page says, in CSS pixels.
  const fit = await page.evaluate(() => window.squiggle.uiButton('Fit'));
  assert.ok(fit && fit.x > 0 && fit.x + fit.width < 800 && fit.height > 10 && fit.height < 60);
  await page.keyboard.down('Shift');
  await page.keyboard.press('Digit1');
  await page.keyboard.up('Shift');
  await page.waitForFunction(() => window.squiggle.view().zoom < 1);
  await nextFrames(page);
  const shot = await screenshotPng(page, 'view-hidpi');
  assert.equal(shot.width, 1600, 'the screenshot has device pixels');
  await context.close();
});

test('two fingers pinch-zoom and pan without drawing', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 1000, height: 700 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(a.page.url());
  await page.waitForFunction(() => window.squiggle?.ready?.() && window.squiggle.connectionState() === 'connected');
  const head = await page.evaluate(() => window.squiggle.headSeq());
  const cdp = await context.newCDPSession(page);
  const touches = (points) => points.map(([x, y], id) => ({ x, y, id }));
  // Both fingers land at once, spread to twice their distance, and lift.
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: touches([[500, 450], [600, 450]]) });
  for (let i = 1; i <= 10; i++) {
    const half = 50 + 5 * i;
    await cdp.send('Input.dispatchTouchEvent',
                   { type: 'touchMove', touchPoints: touches([[550 - half, 450], [550 + half, 450]]) });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForFunction(() => Math.abs(window.squiggle.view().zoom - 2) < 0.01);
  // The board point between the fingers (the page opened at 100% from the origin) stayed between them.
  const v = await page.evaluate(() => window.squiggle.view());
  assert.ok(Math.abs(v.originX + 550 * v.unitsPerPx - 550 * kUnitsPerPixel) < 1, `midpoint x kept (${v.originX})`);
  assert.ok(Math.abs(v.originY + 450 * v.unitsPerPx - 450 * kUnitsPerPixel) < 1, `midpoint y kept (${v.originY})`);
  assert.equal(await page.evaluate(() => window.squiggle.headSeq()), head, 'the pinch drew nothing');
  assert.equal(await page.evaluate(() => window.squiggle.pendingCount()), 0);
  await context.close();
});
