/**
 * `npm run sim -- [--port N] [--seed S] [--scale small|large] [--token-ttl SECONDS] [--screen-pop-url URL] [--log]`
 * Starts the Dockside remote simulator and prints the base URLs and the demo credentials.
 */
import { startSim, type SimOptions } from './server';

function usage(): never {
  console.log(`Usage: npm run sim -- [--port N] [--seed S] [--scale small|large] [--token-ttl SECONDS] [--screen-pop-url URL] [--log]

  --port N             listen on 127.0.0.1:N (default 4010; 0 = any free port)
  --seed S             data seed, number or string (default 20240807)
  --scale small|large  small = hundreds of records (default); large = 100k orders, 500k persons
  --token-ttl SECONDS  lifetime of UCS / Afosto / Opentaps temp tokens (default 3600)
  --screen-pop-url URL called when a simulated call rings (?number=&uniqueid=&queue=)
  --log                print one line per request`);
  process.exit(0);
}

export function parseArgs(argv: string[]): SimOptions {
  const o: SimOptions = { port: 4010 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port':
        o.port = Number(val());
        if (!Number.isInteger(o.port) || o.port < 0 || o.port > 65535) throw new Error('--port must be 0..65535');
        break;
      case '--seed': {
        const v = val();
        o.seed = /^\d+$/.test(v) ? Number(v) : v;
        break;
      }
      case '--scale': {
        const v = val();
        if (v !== 'small' && v !== 'large') throw new Error('--scale must be small or large');
        o.scale = v;
        break;
      }
      case '--token-ttl':
        o.tokenTtlSeconds = Number(val());
        if (!Number.isInteger(o.tokenTtlSeconds) || o.tokenTtlSeconds < 1) throw new Error('--token-ttl must be a positive integer');
        break;
      case '--screen-pop-url':
        o.screenPopUrl = val();
        break;
      case '--log':
        o.log = true;
        break;
      case '--help':
      case '-h':
        usage();
        break;
      default:
        throw new Error(`unknown option ${a} (try --help)`);
    }
  }
  return o;
}

async function main(): Promise<void> {
  let opts: SimOptions;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`sim: ${(e as Error).message}`);
    process.exit(2);
  }
  const t0 = performance.now();
  const sim = await startSim(opts);
  const ms = Math.round(performance.now() - t0);
  const c = sim.credentials;
  const s = sim.state;
  console.log(`Dockside remote simulator — seed ${String(s.seedInput)}, scale ${s.scale} (${s.ds.counts.orders} orders, ${s.ds.counts.persons} persons), started in ${ms} ms`);
  console.log('');
  console.log(`  Afosto     ${sim.urls.afosto}`);
  console.log(`  UCS        ${sim.urls.ucs}            (API: ${sim.urls.ucs}/api/v1.0)`);
  console.log(`  UltraCart  ${sim.urls.ultracart}`);
  console.log(`  HOMS       ${sim.urls.homs}`);
  console.log(`  Opentaps   ${sim.urls.opentaps}`);
  console.log(`  Control    ${sim.urls.control}`);
  console.log('');
  console.log('Demo credentials:');
  console.log(`  Afosto     POST ${c.afosto.tokenUrl} {"client_id":"${c.afosto.client_id}","client_secret":"${c.afosto.client_secret}","grant_type":"client_credentials"} → Bearer JWT`);
  console.log(`  UCS        POST ${c.ucs.tokenUrl} {"client_id":"${c.ucs.client_id}","client_secret":"${c.ucs.client_secret}","grant_type":"client_credentials"} → Bearer`);
  console.log(`  UltraCart  header x-ultracart-simple-key: ${c.ultracart.key}`);
  console.log(`  HOMS       HTTP Basic ${c.homs.email} : ${c.homs.apiToken}`);
  console.log(`  Opentaps   authToken=${c.opentaps.authToken} clientDomain=${c.opentaps.clientDomain}`);
  console.log('');
  console.log(`Ring a call:  curl -X POST ${sim.urls.control}/calls -H 'content-type: application/json' -d '{"number":"+420 601 123 456","queue":74}'`);
  console.log(`Screen pop:   ${s.config.screenPopUrl ?? '(none; --screen-pop-url or PUT /_sim/config {"screenPopUrl":…})'}`);
  console.log('Ctrl-C to stop.');
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const isMain = process.argv[1] && /cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (isMain) void main();
