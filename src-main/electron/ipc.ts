// The Electron transport of the contract: one invoke channel into the shared dispatcher, one
// event channel out. The sender check means a frame that is not our renderer (an injected
// iframe, a window we did not create, a page that navigated away) is never served.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { RpcResult } from '../../src-preload/contract';
import type { Logger } from '../core/log/logger';
import type { Dispatcher } from '../core/rpc/dispatcher';
import type { EventBus } from '../core/rpc/events';
import type { AppUrlPolicy } from './appUrl';

/** Channel names; the preload uses the same two literals (it may import nothing but electron). */
export const RPC_CHANNEL = 'rpc';
export const EVENT_CHANNEL = 'event';

/** The parts of a frame and its webContents the check reads. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}
export interface SenderLike {
  readonly mainFrame: FrameLike;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function verifySender(
  frame: FrameLike | null,
  sender: SenderLike,
  deps: { ownsWebContents: (sender: SenderLike) => boolean; urls: Pick<AppUrlPolicy, 'isAppDocument'> },
): SenderVerdict {
  if (!frame) return { ok: false, reason: 'sender frame is gone' };
  if (frame.parent !== null || sender.mainFrame !== frame) return { ok: false, reason: 'not a main frame' };
  if (!deps.ownsWebContents(sender)) return { ok: false, reason: 'not one of our windows' };
  if (!deps.urls.isAppDocument(frame.url)) return { ok: false, reason: 'not the app URL' };
  return { ok: true };
}

export interface IpcTransportDeps {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatcher: Dispatcher;
  events: EventBus;
  urls: Pick<AppUrlPolicy, 'isAppDocument'>;
  /** True only for the webContents of our app windows. */
  ownsWebContents: (wc: WebContents) => boolean;
  /** The webContents that receive events: those of our app windows. */
  targets: () => WebContents[];
  logger: Logger;
}

/** Registers the transport; the returned function removes it (used on shutdown and in tests). */
export function registerIpcTransport(deps: IpcTransportDeps): () => void {
  const { dispatcher, logger } = deps;
  deps.ipcMain.handle(RPC_CHANNEL, async (event: IpcMainInvokeEvent, envelope: unknown): Promise<RpcResult<unknown>> => {
    const verdict = verifySender(event.senderFrame, event.sender, {
      ownsWebContents: (s) => deps.ownsWebContents(s as WebContents),
      urls: deps.urls,
    });
    if (!verdict.ok) {
      logger.warn('ipc call refused', { reason: verdict.reason, url: event.senderFrame?.url ?? null });
      // FORBIDDEN, not UNAUTHORIZED: a refused frame is not "signed out", and must not sign the UI out.
      return { ok: false, error: { code: 'FORBIDDEN', message: 'This frame may not call Dockside' } };
    }
    return dispatcher.dispatch(envelope, 'ipc');
  });

  const unsubscribe = deps.events.subscribe((name, payload) => {
    for (const wc of deps.targets()) {
      if (wc.isDestroyed()) continue;
      try {
        wc.send(EVENT_CHANNEL, { event: name, payload });
      } catch (err) {
        // A window closing mid-send must not stop the others from getting the event.
        logger.warn('event send failed', { event: name, err });
      }
    }
  });

  return () => {
    unsubscribe();
    deps.ipcMain.removeHandler(RPC_CHANNEL);
  };
}
