// A PIN entry: digits only, masked, never autocompleted, at most 8 digits (the contract's limit).
import type { InputHTMLAttributes } from 'react';
import { Field } from './Field';

export function PinField({
  value,
  onPin,
  ...rest
}: { label: string; testId: string; value: string; onPin: (pin: string) => void; error?: string | null } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'type'
>) {
  return (
    <Field
      type="password"
      inputMode="numeric"
      autoComplete="off"
      maxLength={8}
      value={value}
      onChange={(e) => onPin(e.target.value.replace(/\D/g, ''))}
      {...rest}
    />
  );
}
