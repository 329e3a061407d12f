// A `defer` for recounts that follow every committed change (the header's counts, sync.changed):
// the first change is answered on the next turn of the event loop, later ones at most once per
// `minMs`. Draining thousands of operations otherwise recounts the open ones after each of them,
// which costs more than the sending itself.
export function spacedDefer(minMs: number, now: () => number = () => performance.now()): (fn: () => void) => void {
  let last = -Infinity;
  return (fn) => {
    const run = () => {
      last = now();
      fn();
    };
    const wait = last + minMs - now();
    if (wait <= 0) setImmediate(run);
    else setTimeout(run, wait);
  };
}
