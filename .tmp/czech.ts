// Ad-hoc: the incoming card and caller card in Czech on a demo station (not a test).
import WebSocket from 'ws';
import { createApi } from '../src-renderer/src/api/client';
import { createWsBridge, type WsConstructor } from '../src-renderer/src/api/wsBridge';
import { launchChromium } from '../test/e2e/chromium';
import { signIn, startPrintingUrl, root } from '../test/e2e/webMode';
import path from 'node:path';
import { testCallers } from '../test/helpers/callers';

const C = testCallers(20240807);
const run = await startPrintingUrl(process.execPath, [path.join(root, 'out/main/web.js'), '--demo', '--port', '0', '--data-dir', '/tmp/callui-cz']);
const m = /^http:\/\/(127\.0\.0\.1:\d+)\/#token=([\w-]+)$/.exec(run.url)!;
const bridge = createWsBridge(`ws://${m[1]}/rpc?token=${m[2]}`, { WebSocket: WebSocket as unknown as WsConstructor });
await bridge.ready;
const api = createApi(bridge);
await api.call('station.signIn', { pin: '999999' });
const callUrl = (await api.call('calls.screenPop', {})).callUrl!;
await api.call('settings.set', { language: 'cs' });
for (let i = 0; i < 60; i++) { if ((await api.call('calls.lookup', { number: C.shared.number })).kind === 'choose') break; await new Promise((r) => setTimeout(r, 1000)); }
await api.call('station.signOut', {});
const browser = await launchChromium();
const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
await page.goto(run.url);
await signIn(page, '2222');
await page.getByTestId('screen-calls').waitFor();
const ring = (n: string, u: string) => fetch(callUrl.replace('{number}', encodeURIComponent(n)).replace('{uniqueid}', u).replace('{queue}', '74'));
await ring(C.shared.number, 'cz.1');
await page.getByTestId('incoming-call').waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: '/work/shots/calls/cs-incoming-shared.png' });
await page.keyboard.press('2');
await page.getByTestId('caller-card').waitFor();
await page.waitForTimeout(500);
await page.screenshot({ path: '/work/shots/calls/cs-caller-card.png' });
await browser.close();
bridge.close();
await run.stop();
