import { inProcessBridge } from '../../../src-main/core/rpc/inProcess';
import { contractSuite, type TransportUnderTest } from './contractSuite';
import { secretsSuite } from './secretsSuite';
import type { TestCore } from '../../helpers/core';

const connect = async (t: TestCore): Promise<TransportUnderTest> => {
  const bridge = inProcessBridge(t.core.dispatcher, t.core.events);
  return { bridge, close: () => bridge.close() };
};
contractSuite('in-process', connect);
secretsSuite('in-process', connect);
