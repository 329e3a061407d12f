// Wraps the api so an UNAUTHORIZED answer from any call, anywhere, sends the app back to sign-in:
// the session ended in main (another window signed out, the station restarted), so the UI follows.
// FORBIDDEN (signed in, but this role may not) is not a reason to sign anyone out: it is shown
// like any other error and the user stays where they were.
import { RpcError, type Api } from '../api/client';

export function guardApi(api: Api, onUnauthorized: () => void): Api {
  return {
    async call(method, input) {
      try {
        return await api.call(method, input);
      } catch (e) {
        // A refused sign-in (wrong PIN or badge) says nothing about the current session: a wrong
        // badge scanned to switch user must leave the signed-in user where they are.
        if (e instanceof RpcError && e.code === 'UNAUTHORIZED' && method !== 'station.signIn') onUnauthorized();
        throw e;
      }
    },
    on: (event, listener) => api.on(event, listener),
  };
}
