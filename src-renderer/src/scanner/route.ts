// What the app does with a scan, as a pure decision: the App applies it (navigate, sign in, toast
// with the error sound, or hand the scan to the screens). Every command gets an answer; a command
// whose screen is not built or not shown says so instead of doing nothing.
import type { ScreenName } from '../shell/uiStore';
import { screenForCommand } from '../shell/shortcuts';
import { isFlowCommand, type FlowCommand, type Scan } from './vocabulary';

export type Refusal = 'signInFirst' | 'setupFirst' | 'unknownCommand' | 'commandNotHere';

export type ScanAction =
  /** An ordinary code (GTIN, GS1, SSCC, text): listed, and given to whichever screen listens. */
  | { type: 'deliver' }
  | { type: 'navigate'; screen: ScreenName }
  | { type: 'runCommand'; command: FlowCommand }
  | { type: 'signIn'; badge: string }
  | { type: 'refuse'; reason: Refusal; command?: string };

export interface ScanContext {
  needsSetup: boolean;
  signedIn: boolean;
  /** Whether a shown screen (or the shell) handles this work command right now. */
  isClaimed: (command: FlowCommand) => boolean;
}

export function routeScan(scan: Scan, ctx: ScanContext): ScanAction {
  if (scan.kind === 'badge') {
    // Signed in or not: a badge signs its owner in (switching user), like typing their PIN.
    return ctx.needsSetup ? { type: 'refuse', reason: 'setupFirst' } : { type: 'signIn', badge: scan.code };
  }
  if (scan.kind !== 'command') return { type: 'deliver' };
  if (!scan.known) return { type: 'refuse', reason: 'unknownCommand', command: scan.command };
  if (ctx.needsSetup) return { type: 'refuse', reason: 'setupFirst', command: scan.command };
  if (!ctx.signedIn) return { type: 'refuse', reason: 'signInFirst', command: scan.command };
  const screen = screenForCommand(scan.command);
  if (screen) return { type: 'navigate', screen };
  if (isFlowCommand(scan.command) && ctx.isClaimed(scan.command)) return { type: 'runCommand', command: scan.command };
  return { type: 'refuse', reason: 'commandNotHere', command: scan.command };
}
