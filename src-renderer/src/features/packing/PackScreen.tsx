import { ComingSoon, ScreenTitle } from '../../components/ComingSoon';

export function PackScreen() {
  return (
    <>
      <ScreenTitle screen="pack" />
      <ComingSoon screen="pack" />
    </>
  );
}
