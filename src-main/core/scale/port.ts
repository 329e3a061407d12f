// What the scale service needs from a scale, whatever protocol it speaks. The MT-SICS TCP driver is
// the one there is; another protocol is another class behind this port.
import type { ScaleConfig } from '../../../src-preload/contract';
import type { WeightReply, ZeroReply } from './domain';
import { MtSicsTcpScale } from './mtsicsTcp';

export interface ScaleDriver {
  readonly connected: boolean;
  /** Never throws: a failure is a reply with a reason. */
  read(mode: 'stable' | 'immediate'): Promise<WeightReply>;
  zero(): Promise<ZeroReply>;
  close(): Promise<void>;
}

export type ScaleDriverFactory = (config: Exclude<ScaleConfig, { kind: 'none' }>) => ScaleDriver;

export const defaultScaleDriver: ScaleDriverFactory = (config) => new MtSicsTcpScale({ host: config.host, port: config.port });
