import { ComingSoon, ScreenTitle } from './ComingSoon';

export function PackScreen() {
  return (
    <>
      <ScreenTitle screen="pack" />
      <ComingSoon screen="pack" />
    </>
  );
}
