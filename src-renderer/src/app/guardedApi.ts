// Wraps the api so an UNAUTHORIZED answer from any call, anywhere, sends the app back to sign-in:
// the session ended in main (another window signed out, the station restarted), so the UI follows.
import { RpcError, type Api } from '../api/client';

export function guardApi(api: Api, onUnauthorized: () => void): Api {
  return {
    async call(method, input) {
      try {
        return await api.call(method, input);
      } catch (e) {
        // A failed station.signIn (wrong PIN or badge, paused) is not the end of the current session.
        if (e instanceof RpcError && e.code === 'UNAUTHORIZED' && method !== 'station.signIn') onUnauthorized();
        throw e;
      }
    },
    on: (event, listener) => api.on(event, listener),
  };
}
