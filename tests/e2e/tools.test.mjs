// The drawing tools as a person uses them: page A draws, erases, selects,
// moves, restyles, deletes, undoes and redoes with real mouse and keyboard
// events (tool buttons, swatches and shortcuts); after every step page B on
// the same board holds the same state, and B's pixels show the result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  webDist, startServer, launchBrowser, openBoard, screenshotPng, countPixels, nextFrames,
} from './harness.mjs';

const RED = [0xe0, 0x31, 0x31];
const BLUE = [0x19, 0x71, 0xc2];
const GREEN = [0x2f, 0x9e, 0x44];

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

// Clicks the middle of a named interface item (window.squiggle.uiRect) the
// way a hand does, over a few frames: ImGui 1.86 reads the button once per
// frame, so a press and release between two frames could be missed.
async function clickUi(page, name) {
  await page.waitForFunction((n) => window.squiggle.uiRect(n) !== null, name);
  const r = await page.evaluate((n) => window.squiggle.uiRect(n), name);
  await page.mouse.move((r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2);
  await nextFrames(page, 1);
  await page.mouse.down();
  await nextFrames(page, 2);
  await page.mouse.up();
  await nextFrames(page, 2);
}

// Presses a key the text field reads (through ImGui) for a few frames.
async function holdKey(page, key) {
  await page.keyboard.down(key);
  await nextFrames(page, 2);
  await page.keyboard.up(key);
  await nextFrames(page, 1);
}

async function drag(page, from, to) {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: 12 });
  await page.mouse.up();
}

// Waits until A has handled the input just sent (the frames after it), its
// ops are all confirmed and B has the same board; returns A's objects.
async function inStep(a, b) {
  await nextFrames(a.page, 2);
  await a.page.waitForFunction(() => window.squiggle.pendingCount() === 0);
  // Read together, so both describe the same board.
  const [head, hashA] = await a.page.evaluate(() => [window.squiggle.headSeq(), window.squiggle.stateHash()]);
  await b.page.waitForFunction((h) => window.squiggle.headSeq() === h, head);
  const hashB = await b.page.evaluate(() => window.squiggle.stateHash());
  assert.equal(hashB, hashA, `B holds A's board at seq ${head}`);
  return a.page.evaluate(() => window.squiggle.objects());
}

// B's canvas once it has drawn what its hooks show.
async function shotOfB(b, name) {
  await nextFrames(b.page);
  return screenshotPng(b.page, name);
}

function box(x0, y0, x1, y1) {
  return { x0, y0, x1, y1 };
}

test('every tool, used in A, reaches B', async () => {
  const a = await openBoard(chromium.browser, server.url);
  const b = await openBoard(chromium.browser, a.page.url());
  await a.page.waitForFunction(() => window.squiggle.participants() === 2);

  // Line, from its toolbar button, in red from the palette.
  await clickUi(a.page, 'line');
  assert.equal(await a.page.evaluate(() => window.squiggle.tool()), 'line');
  await clickUi(a.page, 'swatch:Red');
  await drag(a.page, [420, 300], [620, 300]);
  let objects = await inStep(a, b);
  assert.equal(objects.length, 1);
  assert.equal(objects[0].kind, 'line');
  assert.equal(objects[0].color, '#e03131');
  assert.deepEqual(objects[0].box, [420, 300, 620, 300]);
  let shot = await shotOfB(b, 'tools-1-line');
  assert.ok(countPixels(shot, box(430, 296, 610, 305), RED) > 300, 'B shows a red line where A drew it');
  assert.equal(countPixels(shot, box(430, 320, 610, 360), RED), 0, 'and nothing red beside it');

  // Rectangle from its shortcut, blue, filled.
  await a.page.keyboard.press('r');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'rectangle');
  await clickUi(a.page, 'swatch:Blue');
  await clickUi(a.page, 'fill');
  await nextFrames(a.page, 2);
  await screenshotPng(a.page, 'tools-2-a-before-rectangle');
  await drag(a.page, [680, 260], [840, 380]);
  objects = await inStep(a, b);
  assert.equal(objects.length, 2);
  assert.equal(objects[1].kind, 'rectangle');
  assert.equal(objects[1].color, '#1971c2');
  assert.ok(objects[1].fill, 'the rectangle is filled');
  shot = await shotOfB(b, 'tools-2-rectangle');
  assert.ok(countPixels(shot, box(678, 300, 683, 340), BLUE) > 50, "B shows the rectangle's blue left edge");

  // Ellipse and arrow from their shortcuts.
  await a.page.keyboard.press('o');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'ellipse');
  await drag(a.page, [420, 400], [580, 500]);
  await a.page.keyboard.press('a');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'arrow');
  await drag(a.page, [640, 430], [820, 520]);
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['line', 'rectangle', 'ellipse', 'arrow']);

  // Text: click to place, type, Enter commits. Letters typed are not shortcuts.
  await a.page.keyboard.press('t');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'text');
  await a.page.mouse.click(420, 560);
  // The text field takes the keyboard in the frames after the click.
  await nextFrames(a.page, 3);
  await a.page.keyboard.type('Hello pal');
  await nextFrames(a.page, 2);
  await screenshotPng(a.page, 'tools-3-a-typing');
  await holdKey(a.page, 'Enter');
  objects = await inStep(a, b);
  assert.equal(objects.length, 5);
  assert.equal(objects[4].kind, 'text');
  assert.equal(objects[4].text, 'Hello pal');
  assert.equal(await a.page.evaluate(() => window.squiggle.tool()), 'text', 'typing "p" and "a" switched no tool');
  shot = await shotOfB(b, 'tools-3-shapes-and-text');

  // Eraser across the line: it is gone, on B's canvas too.
  await a.page.keyboard.press('e');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'eraser');
  await drag(a.page, [520, 280], [520, 320]);
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['rectangle', 'ellipse', 'arrow', 'text']);
  shot = await shotOfB(b, 'tools-4-erased');
  assert.equal(countPixels(shot, box(430, 296, 610, 305), RED), 0, 'the red line is gone from B');

  // Select the rectangle by clicking its fill, and drag it 40 px right, 30 px down.
  await a.page.keyboard.press('v');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'select');
  const rectId = objects[0].id;
  await a.page.mouse.click(760, 320);
  await a.page.waitForFunction(() => window.squiggle.selection().length > 0);
  assert.deepEqual(await a.page.evaluate(() => window.squiggle.selection()), [rectId]);
  await drag(a.page, [760, 320], [800, 350]);
  objects = await inStep(a, b);
  await nextFrames(a.page);
  await screenshotPng(a.page, 'tools-5-a-selected-and-moved');
  assert.deepEqual(objects[0].box, [720, 290, 880, 410], 'the rectangle moved by (40, 30)');

  // With it still selected, a green swatch recolours it.
  await clickUi(a.page, 'swatch:Green');
  objects = await inStep(a, b);
  assert.equal(objects[0].color, '#2f9e44');
  shot = await shotOfB(b, 'tools-5-moved-green');
  assert.ok(countPixels(shot, box(718, 330, 723, 370), GREEN) > 50, "B shows the moved rectangle's green edge");
  assert.equal(countPixels(shot, box(678, 300, 683, 340), BLUE), 0, 'nothing left where it was');

  // Delete removes it; Ctrl+Z brings it back; the redo button removes it again.
  await a.page.keyboard.press('Delete');  // shortcuts are read from the page's key events
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['ellipse', 'arrow', 'text']);
  await a.page.keyboard.press('Control+z');
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['rectangle', 'ellipse', 'arrow', 'text']);
  assert.equal(objects[0].color, '#2f9e44', 'it comes back as it was');
  await clickUi(a.page, 'redo');
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['ellipse', 'arrow', 'text']);

  // Box-select the ellipse and the arrow from empty space, then Backspace.
  await drag(a.page, [400, 390], [840, 530]);
  await a.page.waitForFunction(() => window.squiggle.selection().length === 2);
  await a.page.keyboard.press('Backspace');
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['text']);

  // Clear asks first, then clears for everyone.
  await clickUi(a.page, 'clear');
  await clickUi(a.page, 'clear:confirm');
  objects = await inStep(a, b);
  assert.deepEqual(objects, []);
  await nextFrames(a.page);
  await screenshotPng(a.page, 'tools-6-a-cleared');

  // The pen, then the eraser in "Cut strokes" mode across its middle: two pieces remain.
  await a.page.keyboard.press('p');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'pen');
  await clickUi(a.page, 'swatch:Ink');
  await drag(a.page, [420, 450], [820, 450]);
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['stroke']);
  await a.page.keyboard.press('e');
  await a.page.waitForFunction(() => window.squiggle.tool() === 'eraser');
  await clickUi(a.page, 'erase:cut');
  await drag(a.page, [620, 410], [620, 490]);
  objects = await inStep(a, b);
  assert.deepEqual(objects.map((o) => o.kind), ['stroke', 'stroke'], 'the stroke is cut in two');
  assert.ok(objects[0].box[2] < 620 && objects[1].box[0] > 620, 'the pieces lie either side of the cut');
  const INK = [0x1e, 0x1e, 0x1e];
  shot = await shotOfB(b, 'tools-7-cut');
  assert.ok(countPixels(shot, box(440, 445, 580, 455), INK) > 100, 'B shows the left piece');
  assert.ok(countPixels(shot, box(660, 445, 800, 455), INK) > 100, 'and the right piece');
  assert.equal(countPixels(shot, box(616, 440, 624, 460), INK), 0, 'with a gap where the eraser passed');

  for (const p of [a, b]) assert.deepEqual(p.errors, [], 'no page errors');
});
