// Loads what the shell needs before its first frame and keeps the stores in step with main's
// events. A reconnect refetches everything: events sent while the socket was down are lost.
import type { Api } from '../api/client';
import type { SystemInfo } from '../../../src-preload/contract';
import type { AppStores } from './stores';

export async function loadSnapshot(api: Api, stores: AppStores): Promise<SystemInfo> {
  const [info, station, settings, status] = await Promise.all([
    api.call('system.info', {}),
    api.call('station.state', {}),
    api.call('settings.get', {}),
    api.call('system.status', {}),
  ]);
  stores.session.getState().setStation(station);
  stores.settings.getState().setSettings(settings);
  stores.status.getState().setStatus(status);
  return info;
}

export function subscribeEvents(api: Api, stores: AppStores): () => void {
  const offs = [
    api.on('station.changed', (s) => stores.session.getState().setStation(s)),
    api.on('settings.changed', (s) => stores.settings.getState().setSettings(s)),
    api.on('system.status', (s) => stores.status.getState().setStatus(s)),
  ];
  return () => {
    for (const off of offs) off();
  };
}

/** A source of transport up/down changes (the WebSocket bridge has one; IPC is always up). */
export interface ConnectionSource {
  onConnection(listener: (connected: boolean) => void): () => void;
}
