import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { contractSuite } from './contractSuite';

contractSuite('in-process', async (t) => {
  const bridge = inProcessBridge(t.core.dispatcher, t.core.events);
  return { bridge, close: () => bridge.close() };
});
