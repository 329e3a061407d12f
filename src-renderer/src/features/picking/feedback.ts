// What the packer sees after a step: the result code as a translation key with its values, and
// its tone (colour and sound). Pure, so the words are tested without a screen.
import type { PickStepResult } from '../../../../src-preload/contract';

export type Tone = 'ok' | 'error';

export interface Feedback {
  key: `picking.results.${PickStepResult['code']}`;
  values: Record<string, string | number>;
  tone: Tone;
  /** The step that produced it, so the screen can tell two equal answers apart. */
  seq: number;
}

export function feedbackOf(r: PickStepResult, seq: number): Feedback {
  const e = r.expected;
  const line = r.line;
  const got = r.readAs ?? '';
  const expected = e ? (e.position && r.view.expect?.step === 'position' ? e.position : (e.sku ?? '')) : '';
  return {
    key: `picking.results.${r.code}`,
    values: {
      got,
      units: r.units,
      sku: e?.sku ?? line?.sku ?? '',
      name: e?.name ?? line?.name ?? '',
      position: e?.position ?? line?.position ?? '',
      remaining: e?.remaining ?? line?.remaining ?? 0,
      expected,
    },
    tone: r.ok ? 'ok' : 'error',
    seq,
  };
}
