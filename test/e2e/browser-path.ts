import { existsSync } from 'node:fs';

/** The system Chromium: CHROME_PATH if set, else Debian's. Never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No Chromium found (looked at ${candidates.join(', ')}). Install Debian's package: ` +
        '`sudo apt-get install -y chromium`, or set CHROME_PATH to a Chromium/Chrome binary.',
    );
  }
  return found;
}

/**
 * Headless launch options for the system Chromium. The background-networking flags matter on
 * machines without internet: without them Chromium keeps retrying connections it cannot make.
 * `extraArgs` are added to them (the benchmarks turn off vsync to see real frame times).
 */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []) {
  return {
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
      ...extraArgs,
    ],
  };
}
