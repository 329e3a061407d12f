// The renderer's view of the shared scanning vocabulary (src-preload/scanning): a scan is whatever
// `classify` says the code is, the same answer the command sheet and the pick/pack services use.
import type { Classified } from '../../../src-preload/scanning';

export { classify, COMMAND_PREFIX, isFlowCommand, isNavCommand, type FlowCommand, type NavCommand } from '../../../src-preload/scanning';

export type Scan = Classified;
