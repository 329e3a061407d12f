import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { startWebHost } from '../../../src-main/host/server';
import { createWsBridge, type WsConstructor } from '../../../src-renderer/src/api/wsBridge';
import type { TestCore } from '../../helpers/core';
import { contractSuite, type TransportUnderTest } from './contractSuite';
import { secretsSuite } from './secretsSuite';

const connect = async (t: TestCore): Promise<TransportUnderTest> => {
  const rendererDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(rendererDir);
  const host = await startWebHost({ dispatcher: t.core.dispatcher, events: t.core.events, logger: t.logger, rendererDir, port: 0 });
  const bridge = createWsBridge(host.wsUrl, { WebSocket: WebSocket as unknown as WsConstructor });
  await bridge.ready;
  return {
    bridge,
    async close() {
      bridge.close();
      await host.close();
    },
  };
};
contractSuite('websocket', connect);
secretsSuite('websocket', connect);
