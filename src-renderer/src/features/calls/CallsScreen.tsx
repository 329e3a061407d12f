import { ComingSoon, ScreenTitle } from '../../components/ComingSoon';
import { AgentStatusBar } from './AgentStatusBar';
import { QueueView } from './QueueView';

export function CallsScreen() {
  return (
    <>
      <ScreenTitle screen="calls" />
      <AgentStatusBar />
      <QueueView />
      <ComingSoon screen="calls" />
    </>
  );
}
