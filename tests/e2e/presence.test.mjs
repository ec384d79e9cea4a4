// Presence, as people see it: names and colours the users chose (remembered
// by their browsers), the list of who is here, and each other's cursors.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { webDist, startServer, launchBrowser, openBoard, screenshotPng, countPixels } from './harness.mjs';

const alice = { name: 'Alice', color: '#e03131' };
const bob = { name: 'Bob', color: '#37b24d' };

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

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

test('each sees the other in the people list, and the other\'s cursor', async () => {
  const a = await openBoard(chromium.browser, server.url, { identity: alice });
  const b = await openBoard(chromium.browser, a.page.url(), { identity: bob });
  assert.deepEqual(await a.page.evaluate(() => window.squiggle.me()), { ...alice, idle: false });
  assert.deepEqual(await b.page.evaluate(() => window.squiggle.me()), { ...bob, idle: false });

  const hasPeer = ([name, color]) => (window.squiggle.peers() ?? []).some(
    (p) => p.name === name && p.color === color && p.idle === false);
  await b.page.waitForFunction(hasPeer, [alice.name, alice.color]);
  await a.page.waitForFunction(hasPeer, [bob.name, bob.color]);

  // A moves the mouse over the board; B sees A's cursor land there (model
  // units: 16 per CSS pixel at zoom 1).
  await a.page.mouse.move(300, 300);
  await a.page.mouse.move(600, 420, { steps: 20 });
  await b.page.waitForFunction(([name, x, y]) => (window.squiggle.peers() ?? []).some(
    (p) => p.name === name && p.cursor && p.cursor.x === x && p.cursor.y === y), [alice.name, 600 * 16, 420 * 16]);

  // ...and draws it: an arrow in A's colour with the tip at the pointer.
  const nearCursor = { x0: 598, y0: 418, x1: 640, y1: 460 };
  let shot;
  let cursorPixels = 0;
  for (let i = 0; i < 50 && cursorPixels < 40; i++) {
    shot = await screenshotPng(b.page, 'presence-b-sees-alice');
    cursorPixels = countPixels(shot, nearCursor, rgb(alice.color), 40);
  }
  assert.ok(cursorPixels >= 40, `B draws A's cursor in A's colour (${cursorPixels} pixels)`);
  assert.equal(countPixels(shot, { x0: 100, y0: 400, x1: 300, y1: 600 }, rgb(alice.color), 40), 0,
               'and nowhere else');
  await screenshotPng(a.page, 'presence-a');

  for (const p of [a, b]) assert.deepEqual(p.errors, [], 'no page errors');
});

test('a name and colour are made up and remembered when none was chosen', async () => {
  const c = await openBoard(chromium.browser, server.url);
  const me = await c.page.evaluate(() => window.squiggle.me());
  assert.match(me.name, /^Guest \d{4}$/);
  assert.match(me.color, /^#[0-9a-f]{6}$/);
  const stored = await c.page.evaluate(() => [localStorage.getItem('squiggle.name'),
                                              localStorage.getItem('squiggle.color')]);
  assert.deepEqual(stored, [me.name, me.color]);
  // A reload keeps them.
  await c.page.reload();
  await c.page.waitForFunction(() => window.squiggle?.ready?.() && window.squiggle.connectionState() === 'connected');
  assert.deepEqual(await c.page.evaluate(() => window.squiggle.me()), me);
});
