// Issue 11, point 9: web mode (a real child process on its own data folder, --config pointing at
// the simulator in another child process, as `npm run start:web` and `npm run sim` run them) with
// the page in Chromium. The simulator rings calls to the station's screen-pop URL (its UCS team
// call_url, PUT /_sim/config): an unknown caller, a shared switchboard with the chooser, a known
// caller. While the simulator is down (every request's connection reset) the agent writes notes,
// sets a disposition and creates a follow-up; after-call work survives a page reload and a restart
// of the web process on the same data folder; then the simulator answers again and its state holds
// each note, task and metadata merge exactly once.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { DB_FILE_NAME, openDatabase, type Db } from '../../src-main/core/db/database';
import { createApi, type Api } from '../../src-renderer/src/api/client';
import { createWsBridge, type WsBridge, type WsConstructor } from '../../src-renderer/src/api/wsBridge';
import { testCallers } from '../helpers/callers';
import { simConfigFile, startChildSim, type ChildSim } from '../helpers/childSim';
import { tempDir } from '../helpers/tmp';
import { launchChromium } from './chromium';
import { PIN, root, signIn, startPrintingUrl, type Running } from './webMode';

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

const CALLERS = testCallers(42);
const ACW_SECONDS = 600;
/** Where the incoming-card screenshots go (set CALLS_SHOTS_DIR to keep them). */
const SHOTS = process.env.CALLS_SHOTS_DIR;

interface Web {
  run: Running;
  api: Api;
  bridge: WsBridge;
}

async function startWeb(dataDir: string, configFile: string): Promise<Web> {
  const run = await startPrintingUrl(process.execPath, [path.join(root, 'out', 'main', 'web.js'), '--port', '0', '--data-dir', dataDir, '--config', configFile]);
  const m = /^http:\/\/(127\.0\.0\.1:\d+)\/#token=([\w-]+)$/.exec(run.url)!;
  const bridge = createWsBridge(`ws://${m[1]}/rpc?token=${m[2]}`, { WebSocket: WebSocket as unknown as WsConstructor });
  await bridge.ready;
  return { run, api: createApi(bridge), bridge };
}

async function stopWeb(web: Web): Promise<void> {
  web.bridge.close();
  await web.run.stop();
}

/** What a PBX sends for the rest of a call: the same URL with `event=answer|hangup`. */
async function pbx(callUrl: string, uniqueid: string, event: 'answer' | 'hangup'): Promise<void> {
  const url = callUrl.replace('{number}', '').replace('{uniqueid}', encodeURIComponent(uniqueid)).replace('{queue}', '');
  const res = await fetch(`${url}&event=${event}`);
  expect(res.status, `${event} at the endpoint`).toBe(200);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

interface LogEntry {
  method: string;
  path: string;
  status: number | null;
  outcome: 'replied' | 'reset' | 'lost_reply' | 'malformed';
  body: unknown;
}
/** A request the simulator acted on (a reset never reaches it; a lost reply did). */
const applied = (e: LogEntry) => (e.outcome === 'replied' && e.status !== null && e.status < 300) || e.outcome === 'lost_reply' || e.outcome === 'malformed';
const bodyOf = (e: LogEntry): unknown => (typeof e.body === 'string' ? JSON.parse(e.body) : e.body);

describe('call handling in web mode against the simulator', () => {
  it('known, shared and unknown callers pop; work done while the simulator is down survives a reload and a restart and arrives exactly once', { timeout: 300_000 }, async () => {
    const sim: ChildSim = await startChildSim({ scale: 'small', seed: 42 });
    cleanups.push(() => sim.stop());
    const { dir, cleanup } = tempDir('dockside-e2e-calls-');
    cleanups.push(cleanup);
    const configFile = path.join(dir, 'dockside.json');
    fs.writeFileSync(configFile, JSON.stringify(simConfigFile(sim.info), null, 2));
    const dataDir = path.join(dir, 'data');

    let web = await startWeb(dataDir, configFile);
    cleanups.push(() => stopWeb(web));
    await web.api.call('station.setup', { stationName: 'Calls E2E', name: 'Boss', pin: PIN.supervisor });
    await web.api.call('station.createUser', { name: 'Adam Dvořák', role: 'agent', pin: PIN.agent });
    // The supervisor's part: a long after-call work, and the UCS team's call_url = this station's endpoint.
    const config = await web.api.call('calls.config', {});
    await web.api.call('calls.saveConfig', { ...config, acwSeconds: ACW_SECONDS });
    let callUrl = (await web.api.call('calls.screenPop', {})).callUrl!;
    expect(callUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/call\?token=/);
    await sim.control('PUT', '/config', { screenPopUrl: callUrl });

    // The phone index fills from UCS with nobody asking (pull starts with the app).
    await vi.waitFor(
      async () => {
        expect((await web.api.call('calls.lookup', { number: CALLERS.known.number })).kind).toBe('known');
        expect((await web.api.call('calls.lookup', { number: CALLERS.shared.number })).kind).toBe('choose');
        const orders = (await web.api.call('sync.remotes', {})).remotes.find((r) => r.remote === 'afosto')!.resources.find((r) => r.resource === 'orders');
        expect(orders?.lastSuccessAt).toEqual(expect.any(Number));
      },
      { timeout: 90_000, interval: 500 },
    );
    expect((await web.api.call('calls.lookup', { number: CALLERS.unknown.number })).kind).toBe('unknown');

    await web.api.call('station.signOut', {}); // the agent signs in at the page
    const browser: Browser = await launchChromium();
    cleanups.push(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(web.run.url);
    await signIn(page, PIN.agent);
    await page.getByTestId('screen-calls').waitFor();
    const ring = async (number: string): Promise<string> => {
      const call = (await sim.control('POST', '/calls', { number })) as { uniqueid: string; screenPop: { status: number | null; error: string | null } };
      expect(call.screenPop, 'the simulator reached the endpoint').toMatchObject({ status: 200 });
      return call.uniqueid;
    };
    const contactsBefore = async () => (await web.api.call('calls.lookup', { number: CALLERS.unknown.number })).matches.length;

    // 1. An unknown caller, while the agent is on another screen: "unknown caller", nothing created.
    await page.getByTestId('nav-sync').click();
    const unknownId = await ring(CALLERS.unknown.number);
    const incoming = page.getByTestId('incoming-call');
    await incoming.waitFor();
    expect(await incoming.getAttribute('data-kind')).toBe('unknown');
    await expect.poll(() => incoming.getByTestId('incoming-who').textContent()).toBe('Unknown caller');
    await expect.poll(() => incoming.getByTestId('incoming-create').isVisible()).toBe(true);
    await shot(page, 'incoming-unknown');
    await page.keyboard.press('Escape'); // the card has the focus: Escape puts it aside
    await incoming.waitFor({ state: 'detached' });
    await pbx(callUrl, unknownId, 'hangup');
    await sim.control('POST', `/calls/${unknownId}/hangup`);
    expect(await contactsBefore()).toBe(0);

    // 2. A shared switchboard: the chooser lists its people; the digit key picks one.
    const sharedId = await ring(CALLERS.shared.number);
    await incoming.waitFor();
    expect(await incoming.getAttribute('data-kind')).toBe('choose');
    await expect.poll(async () => (await incoming.getByTestId('chooser-item').allTextContents()).length).toBeGreaterThanOrEqual(CALLERS.shared.names.length);
    const people = await incoming.getByTestId('chooser-item').allTextContents();
    for (const n of CALLERS.shared.names) expect(people.some((p) => p.includes(n)), n).toBe(true);
    await shot(page, 'incoming-shared');
    await page.keyboard.press('1');
    await page.getByTestId('screen-calls').waitFor();
    const chosen = CALLERS.shared.names.find((n) => people[0]!.includes(n))!;
    await expect.poll(() => page.getByTestId('caller-name').textContent()).toContain(chosen);
    await pbx(callUrl, sharedId, 'hangup');
    await sim.control('POST', `/calls/${sharedId}/hangup`);

    // 3. A known caller: name and latest order on the card; Enter opens the caller card.
    await page.getByTestId('nav-pick').click();
    const knownId = await ring(CALLERS.known.number);
    await incoming.waitFor();
    expect(await incoming.getAttribute('data-kind')).toBe('known');
    await expect.poll(() => incoming.getByTestId('incoming-who').textContent()).toContain(CALLERS.known.name);
    await expect.poll(() => incoming.getByTestId('incoming-facts').textContent()).toMatch(/Last order ODR-/);
    await shot(page, 'incoming-known');
    await page.keyboard.press('Enter');
    await page.getByTestId('caller-card').waitFor();
    for (const n of CALLERS.known.orders) await page.locator(`[data-testid="caller-order"][data-number="${n}"]`).waitFor();
    await shot(page, 'caller-card-known');
    await sim.control('POST', `/calls/${knownId}/answer`, {});
    await pbx(callUrl, knownId, 'answer');

    // 4. The simulator goes down: every request to any of its systems has its connection reset.
    await sim.control('POST', '/faults', { system: '*', kind: 'reset', durationMs: 10 * 60_000 });
    await web.api.call('sync.now', {});
    await vi.waitFor(async () => expect((await web.api.call('system.status', {})).remotes.unreachable).toBe(5), { timeout: 30_000, interval: 250 });

    const notes = ['Parcel arrived with a dented corner', 'Wants the replacement before Friday'];
    for (const text of notes) {
      await page.getByTestId('call-note-input').fill(text);
      await page.getByTestId('call-note-input').press('Control+Enter');
      await expect.poll(() => page.getByTestId('call-note').allTextContents()).toContainEqual(expect.stringContaining(text));
    }
    const { dispositions } = await web.api.call('calls.config', {});
    const disposition = dispositions[1]!.code;
    await page.getByTestId('disposition-picker').locator('button').first().focus();
    await page.keyboard.press('2');
    await expect.poll(() => page.getByTestId(`disposition-${disposition}`).getAttribute('aria-pressed')).toBe('true');

    const followUp = page.getByTestId('follow-up');
    const taskTitle = `Send replacement for ${CALLERS.known.orders[0]}`;
    await followUp.getByTestId('follow-up-ultracart').check();
    await followUp.getByTestId('follow-up-title').fill(taskTitle);
    // A list of the assignees seen on pulled UltraCart tasks (the first is chosen).
    await expect.poll(() => followUp.locator('select[data-testid="follow-up-assignee"] option').count()).toBeGreaterThan(0);
    await followUp.getByTestId('follow-up-submit').click();
    await expect.poll(async () => (await page.getByTestId('caller-task').allTextContents()).filter((t) => t.includes(taskTitle))).toEqual([expect.stringContaining('not sent yet')]);

    // The caller hangs up: after-call work starts, kept in main.
    await sim.control('POST', `/calls/${knownId}/hangup`);
    await pbx(callUrl, knownId, 'hangup');
    const acw = page.getByTestId('acw');
    await expect.poll(() => acw.getAttribute('data-status')).toBe('running');
    const remaining = async (): Promise<number> => {
      const [m, s] = (await page.getByTestId('acw-remaining').textContent())!.split(':').map(Number);
      return m! * 60 + s!;
    };
    const atStart = await remaining();
    expect(atStart).toBeGreaterThan(ACW_SECONDS - 30);
    await acw.scrollIntoViewIfNeeded();
    await shot(page, 'after-call-work-offline');

    // 5. A page reload: the countdown goes on from main's timer, not from the start.
    await page.waitForTimeout(2_000);
    await page.reload();
    await expect.poll(() => acw.getAttribute('data-status'), { timeout: 15_000 }).toBe('running');
    const afterReload = await remaining();
    expect(afterReload).toBeLessThan(atStart);
    expect(afterReload).toBeGreaterThan(ACW_SECONDS - 60);
    await expect.poll(() => page.getByTestId('call-note').count()).toBe(notes.length);

    // 6. The app restarts on the same data folder: still in after-call work, nothing sent, nothing lost.
    const pendingBefore = (await web.api.call('system.status', {})).outbox.pending;
    expect(pendingBefore).toBeGreaterThanOrEqual(notes.length + 2); // notes' and disposition's merges, the task (+ its id merge)
    await stopWeb(web);
    web = await startWeb(dataDir, configFile);
    callUrl = (await (async () => {
      await web.api.call('station.signIn', { pin: PIN.supervisor });
      return web.api.call('calls.screenPop', {});
    })()).callUrl!;
    await sim.control('PUT', '/config', { screenPopUrl: callUrl }); // the port may differ after a restart
    await web.api.call('station.signOut', {});
    await page.goto(web.run.url);
    await signIn(page, PIN.agent);
    await page.getByTestId('screen-calls').waitFor();
    await expect.poll(() => acw.getAttribute('data-status'), { timeout: 15_000 }).toBe('running');
    const afterRestart = await remaining();
    expect(afterRestart).toBeLessThanOrEqual(afterReload);
    expect(afterRestart).toBeGreaterThan(ACW_SECONDS - 120);
    expect((await web.api.call('system.status', {})).outbox.pending).toBe(pendingBefore);
    await expect.poll(() => page.getByTestId('call-note').count()).toBe(notes.length);
    await page.getByTestId('acw-finish').click();
    await expect.poll(() => acw.getAttribute('data-status')).toBe('finished');

    // 7. The simulator answers again: the outbox drains, and each op arrived exactly once.
    await sim.control('DELETE', '/faults');
    await web.api.call('sync.now', {});
    await vi.waitFor(async () => expect((await web.api.call('system.status', {})).outbox).toEqual({ pending: 0, dead: 0 }), { timeout: 90_000, interval: 500 });

    const db: Db = await openDatabase({ file: path.join(dataDir, DB_FILE_NAME) });
    cleanups.push(() => db.close());
    const callId = (db.prepare('SELECT id FROM calls WHERE uniqueid = ?').get(knownId) as { id: string }).id;
    const ops = (db.prepare(`SELECT payload FROM jobs WHERE queue IN ('push:ucs', 'push:ultracart') AND status = 'done' ORDER BY seq`).all() as { payload: string }[])
      .map((r) => JSON.parse(r.payload) as { remote: string; entity: string; entityId: string; payload: Record<string, unknown> })
      .filter((o) => o.entityId === callId || (o.remote === 'ultracart' && JSON.stringify(o.payload).includes(taskTitle)));
    const merges = ops.filter((o) => o.remote === 'ucs').map((o) => (o.payload as { patch: Record<string, unknown> }).patch);
    // Each note, the disposition and the follow-up's id went as merges of this call's metadata.
    for (const text of notes) expect(merges.filter((m) => m.note === text)).toHaveLength(1);
    expect(merges.some((m) => m.disposition === disposition)).toBe(true);
    expect(merges.some((m) => typeof m.followup_task_id === 'string')).toBe(true);

    const log = (await sim.control('GET', `/requests?system=ucs&method=POST&path=${encodeURIComponent(`/api/v1.0/metadata/${knownId}`)}`)) as LogEntry[];
    const arrived = log.filter(applied).map(bodyOf);
    expect(arrived).toHaveLength(merges.length);
    for (const m of merges) expect(arrived.filter((b) => JSON.stringify(b) === JSON.stringify(m)), JSON.stringify(m)).toHaveLength(1);
    // And the call's metadata in UCS is the merge of them all.
    const { metadata } = (await sim.control('GET', '/state/ucs')) as { metadata: Record<string, Record<string, unknown>> };
    expect(metadata[knownId]).toMatchObject({ disposition, note: notes[notes.length - 1], followup_task_id: expect.any(String) });
    const ucTasks = (await sim.control('GET', '/state/ultracart')) as { tasks: { created: { task_name?: string; title?: string }[] } };
    expect(ucTasks.tasks.created.filter((t) => JSON.stringify(t).includes(taskTitle))).toHaveLength(1);

    // The card now says the task is in UltraCart (no longer "not sent yet").
    await expect.poll(async () => (await page.getByTestId('caller-task').allTextContents()).filter((t) => t.includes(taskTitle)), { timeout: 30_000 }).toEqual([
      expect.not.stringContaining('not sent yet'),
    ]);
    expect(pageErrors).toEqual([]);
  });
});
