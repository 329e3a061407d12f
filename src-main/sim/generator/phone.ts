/** Phone numbers in the mixed formats real CRMs hold (national, international, 00-prefixed, spaced). */
import type { Country } from './names';
import type { Rng } from './prng';

export type PhoneType = 'mobile' | 'fixed_number';

export interface DemoPhone {
  country: Country;
  type: PhoneType;
  /** canonical E.164, e.g. "+420601123456" */
  e164: string;
  /** national display form, e.g. "601 123 456" or "020 123 4567" */
  national: string;
  /** as a human typed it into some system: one of several mixed formats */
  raw: string;
}

const CC: Record<Country, string> = { CZ: '420', SK: '421', DE: '49', NL: '31' };

function grp(s: string, sizes: number[]): string {
  const out: string[] = [];
  let p = 0;
  for (const n of sizes) {
    out.push(s.slice(p, p + n));
    p += n;
  }
  if (p < s.length) out.push(s.slice(p));
  return out.filter(Boolean).join(' ');
}

/** Build a phone from its parts; `variant` picks the raw format deterministically. */
export function makePhone(country: Country, type: PhoneType, nsn: string, variant: number, areaLen = 0): DemoPhone {
  const cc = CC[country];
  const e164 = `+${cc}${nsn}`;
  let national: string;
  let variants: string[];
  switch (country) {
    case 'CZ': {
      national = grp(nsn, [3, 3, 3]);
      variants = [`+${cc} ${national}`, nsn, `00${cc}${nsn}`, e164, national, `+${cc} ${nsn}`];
      break;
    }
    case 'SK': {
      national = `0${grp(nsn, [3, 3, 3])}`;
      if (type === 'fixed_number') national = `0${nsn.slice(0, areaLen)}/${grp(nsn.slice(areaLen), [4, 4])}`;
      variants = [`+${cc} ${grp(nsn, [3, 3, 3])}`, national, `00${cc}${nsn}`, `0${nsn}`, e164];
      break;
    }
    case 'DE': {
      const a = type === 'mobile' ? 3 : areaLen;
      const area = nsn.slice(0, a);
      const rest = nsn.slice(a);
      national = `0${area} ${rest}`;
      variants = [`+${cc} ${area} ${rest}`, national, `0${area}/${rest}`, `(0${area}) ${grp(rest, [4, 4])}`, `00${cc} ${area} ${rest}`, e164];
      break;
    }
    case 'NL': {
      const a = type === 'mobile' ? 1 : areaLen;
      const area = nsn.slice(0, a);
      const rest = nsn.slice(a);
      national = type === 'mobile' ? `06 ${rest}` : `0${area} ${grp(rest, [3, 4])}`;
      variants =
        type === 'mobile'
          ? [`+${cc} 6 ${rest}`, `06-${rest}`, `06 ${grp(rest, [4, 4])}`, `00${cc}${nsn}`, e164]
          : [`(0${area}) ${grp(rest, [3, 4])}`, `0${area}-${rest}`, `+${cc} ${area} ${grp(rest, [3, 4])}`, `00${cc}${nsn}`, e164];
      break;
    }
  }
  const raw = variants[variant % variants.length] as string;
  return { country, type, e164, national, raw };
}

/** A random mobile number for `country`. */
export function mobilePhone(rng: Rng, country: Country): DemoPhone {
  let nsn: string;
  switch (country) {
    case 'CZ':
      nsn = rng.pick(['601', '602', '603', '604', '605', '606', '607', '608', '702', '721', '724', '731', '736', '739', '773', '777', '776']) + rng.digits(6);
      break;
    case 'SK':
      nsn = rng.pick(['905', '907', '908', '910', '911', '915', '940', '944', '948', '949']) + rng.digits(6);
      break;
    case 'DE':
      nsn = rng.pick(['151', '152', '157', '160', '162', '170', '171', '172', '176', '177']) + rng.digits(rng.int(7, 8));
      break;
    case 'NL':
      nsn = '6' + rng.digits(8);
      break;
  }
  return makePhone(country, 'mobile', nsn, rng.int(0, 5));
}

/** A random fixed-line number in the city with area code `area` (no leading 0). */
export function fixedPhone(rng: Rng, country: Country, area: string): DemoPhone {
  let nsn: string;
  switch (country) {
    case 'CZ':
      nsn = area + rng.digits(9 - area.length);
      break;
    case 'SK':
      nsn = area + rng.digits(9 - area.length);
      break;
    case 'DE':
      nsn = area + rng.digits(Math.max(6, 10 - area.length));
      break;
    case 'NL':
      nsn = area + rng.digits(9 - area.length);
      break;
  }
  return makePhone(country, 'fixed_number', nsn, rng.int(0, 5), area.length);
}
