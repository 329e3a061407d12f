// Pick: not built yet; meanwhile a scanner test panel so a packer can check the scanner today.
import { useEffect } from 'react';
import { useOnScan, useSound } from '../../app/context';
import { ScanList } from '../../components/ScanList';
import { ComingSoon, ScreenTitle } from '../../components/ComingSoon';

export function PickScreen() {
  const onScan = useOnScan();
  const play = useSound();
  // Each code scanned beeps here, so the test also proves the speakers work (commands answer for themselves).
  useEffect(() => onScan((s) => s.kind !== 'command' && play('success')), [onScan, play]);
  return (
    <>
      <ScreenTitle screen="pick" />
      <ComingSoon screen="pick" />
      <ScanList />
    </>
  );
}
