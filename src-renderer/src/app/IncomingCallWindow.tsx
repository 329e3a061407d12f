// The desktop app's incoming-call window (`?view=incoming-call`, opened by src-main/electron/
// callWindow.ts): only the incoming-call card, filling the small always-on-top window. It shows who
// is calling over whatever the agent is doing; a click into it brings the main window forward,
// whose own card and Calls screen do the rest. It also rings (App mounts the ringer here).
import { IncomingCallLayer } from '../features/calls/IncomingCall';
import './incomingCallWindow.css';

export function isIncomingCallWindow(search: string): boolean {
  return new URLSearchParams(search).get('view') === 'incoming-call';
}

export function IncomingCallWindow() {
  return (
    <div className="incoming-window" data-testid="incoming-window">
      <IncomingCallLayer />
    </div>
  );
}
