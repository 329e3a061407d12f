// Once per run, before any e2e worker starts: pick the Chromium (unpacking the npm build here,
// so workers find it ready), check that it starts, and say which one it is.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { chooseChromium, launchOptions } from './chromium';

export default async function setup(): Promise<void> {
  const choice = await chooseChromium();
  const browser = await chromium.launch(launchOptions(choice));
  const line = `e2e browser: Chromium ${browser.version()} (${choice.label})`;
  await browser.close();
  console.log(line);
  // For .ci/run's closing lines.
  const results = fileURLToPath(new URL('../../test-results', import.meta.url));
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, 'e2e-browser.txt'), line + '\n');
}
