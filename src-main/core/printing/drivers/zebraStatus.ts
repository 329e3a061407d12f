// Parse a Zebra ~HS (host status) reply: three strings, each framed STX … ETX CR LF.
//   1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l   b paper out, c paused, dddd label length (dots),
//      eee formats in receive buffer, f buffer full, h partial format, j corrupt RAM,
//      k under temperature, l over temperature
//   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www   o head up, p ribbon out, q thermal transfer,
//      r print mode, t label waiting, uuuuuuuu labels remaining in batch, www graphics stored
//   3: xxxx,y                             password, static RAM installed
import { PrinterError, type PrinterStatus } from './types';
import type { PrintReason } from '../../../../src-preload/contract/printing';

export const STX = 0x02;
export const ETX = 0x03;

/** Bodies of the complete STX…ETX frames in `buf` (the CR LF between frames is ignored). */
export function hostStatusFrames(buf: Uint8Array): string[] {
  const frames: string[] = [];
  let start = -1;
  for (let i = 0; i < buf.length; i++) {
    if (buf[i] === STX) start = i + 1;
    else if (buf[i] === ETX && start >= 0) {
      frames.push(Buffer.from(buf.subarray(start, i)).toString('latin1'));
      start = -1;
    }
  }
  return frames;
}

export function parseHostStatus(reply: Uint8Array | string): PrinterStatus {
  const bytes = typeof reply === 'string' ? Buffer.from(reply, 'latin1') : reply;
  const frames = hostStatusFrames(bytes);
  const s1 = frames[0]?.split(',').map((f) => f.trim());
  const s2 = frames[1]?.split(',').map((f) => f.trim());
  if (!s1 || s1.length < 12 || !s2 || s2.length < 11) throw new PrinterError('bad_reply', 'malformed ~HS reply');
  const flag = (v: string | undefined): boolean => v === '1';
  const paperOut = flag(s1[1]);
  const paused = flag(s1[2]);
  const bufferFull = flag(s1[5]);
  const corruptRam = flag(s1[9]);
  const underTemp = flag(s1[10]);
  const overTemp = flag(s1[11]);
  const headOpen = flag(s2[2]);
  const ribbonOut = flag(s2[3]);
  const thermalTransfer = flag(s2[4]);
  // Worst first: the first code is what a job waiting on this printer reports.
  const reasons: PrintReason[] = [];
  if (paperOut) reasons.push('paper_out');
  if (headOpen) reasons.push('head_open');
  // Ribbon out only matters when the printer is set to thermal transfer.
  if (ribbonOut && thermalTransfer) reasons.push('ribbon_out');
  if (paused) reasons.push('paused');
  if (bufferFull) reasons.push('buffer_full');
  if (overTemp) reasons.push('head_too_hot');
  if (underTemp) reasons.push('head_too_cold');
  if (corruptRam) reasons.push('corrupt_ram');
  return {
    ready: reasons.length === 0,
    reachable: true,
    paperOut,
    headOpen,
    paused,
    ribbonOut: ribbonOut && thermalTransfer,
    reasons,
    details: {
      labelLengthDots: Number(s1[3]),
      formatsInBuffer: Number(s1[4]),
      partialFormat: flag(s1[7]),
      labelsRemaining: Number(s2[8]),
      labelWaiting: flag(s2[7]),
      thermalTransfer,
    },
  };
}
