import { ComingSoon, ScreenTitle } from '../../components/ComingSoon';

export function CallsScreen() {
  return (
    <>
      <ScreenTitle screen="calls" />
      <ComingSoon screen="calls" />
    </>
  );
}
