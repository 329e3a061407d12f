// Quitting cleanly: the first quit request is held until core has closed (database checkpointed,
// outbox consistent), then quitting resumes. Later requests pass straight through, and a close
// that fails or hangs still lets the app quit.
export interface QuitEvent {
  preventDefault(): void;
}

export function createQuitGuard(deps: {
  close: () => Promise<void>;
  quit: () => void;
  onError: (err: unknown) => void;
  timeoutMs?: number;
}): { onBeforeQuit(event: QuitEvent): void; readonly state: 'running' | 'closing' | 'closed' } {
  let state: 'running' | 'closing' | 'closed' = 'running';
  return {
    get state() {
      return state;
    },
    onBeforeQuit(event) {
      if (state === 'closed') return;
      event.preventDefault();
      if (state === 'closing') return;
      state = 'closing';
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('core.close() timed out')), deps.timeoutMs ?? 10_000);
      });
      Promise.race([deps.close(), timeout])
        .catch(deps.onError)
        .finally(() => {
          clearTimeout(timer);
          state = 'closed';
          deps.quit();
        });
    },
  };
}
