// Key presses as a browser performs them. happy-dom dispatches KeyboardEvents but, like a browser
// for synthetic events, performs no default action; this helper adds the defaults a real keyboard
// has (type into the focused field, Enter presses a focused button or submits the form, Space
// presses a button on keyup) unless a listener called preventDefault. That is exactly what the
// scanner capture must prevent, so the tests observe its effect, not just a flag.

export interface KeyOptions {
  ctrlKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  metaKey?: boolean;
  code?: string;
  repeat?: boolean;
}

function textField(el: Element | null): HTMLInputElement | HTMLTextAreaElement | null {
  if (el instanceof HTMLTextAreaElement) return el;
  if (el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'range', 'submit'].includes(el.type)) return el;
  return null;
}

/** Sets a field's value through the prototype setter so React's change tracking notices it. */
export function setNativeValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

function insertText(field: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  const start = field.selectionStart ?? field.value.length;
  const end = field.selectionEnd ?? start;
  const value = field.value.slice(0, start) + text + field.value.slice(end);
  if (field.maxLength > 0 && value.length > field.maxLength) return;
  setNativeValue(field, value);
  field.setSelectionRange(start + text.length, start + text.length);
}

export function press(key: string, opts: KeyOptions = {}): { prevented: boolean } {
  const target = document.activeElement ?? document.body;
  const init = { key, bubbles: true, cancelable: true, composed: true, ...opts };
  const down = new KeyboardEvent('keydown', init);
  target.dispatchEvent(down);
  const prevented = down.defaultPrevented;
  const modified = opts.ctrlKey || opts.altKey || opts.metaKey;
  if (!prevented) {
    const field = textField(target);
    if (field && [...key].length === 1 && !modified) insertText(field, key);
    else if (field && key === 'Backspace' && field.value.length > 0) {
      setNativeValue(field, field.value.slice(0, -1));
    } else if (key === 'Enter' && target instanceof HTMLButtonElement) target.click();
    else if (key === 'Enter' && field && field.form) field.form.requestSubmit();
  }
  const up = new KeyboardEvent('keyup', init);
  target.dispatchEvent(up);
  if (!prevented && !up.defaultPrevented && key === ' ' && target instanceof HTMLButtonElement) target.click();
  return { prevented };
}

/** Types text as a person would (each key its own press); pair with a clock to space the keys. */
export function typeText(text: string, between?: () => void): void {
  for (const ch of text) {
    press(ch);
    between?.();
  }
}
