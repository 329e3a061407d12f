// Pick: the pick lists, or the guided walk of the one opened. The scanner panel stays under the
// lists, so a packer can still check the scanner there.
import { useCallback, useState } from 'react';
import { ScanList } from '../../components/ScanList';
import { PickGuided } from './PickGuided';
import { PickLists } from './PickLists';
import './picking.css';

export function PickScreen() {
  const [open, setOpen] = useState<string | null>(null);
  const back = useCallback(() => setOpen(null), []);
  if (open) return <PickGuided key={open} listId={open} onBack={back} />;
  return (
    <>
      <PickLists onOpen={setOpen} />
      <ScanList />
    </>
  );
}
