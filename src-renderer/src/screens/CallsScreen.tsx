import { ComingSoon, ScreenTitle } from './ComingSoon';

export function CallsScreen() {
  return (
    <>
      <ScreenTitle screen="calls" />
      <ComingSoon screen="calls" />
    </>
  );
}
