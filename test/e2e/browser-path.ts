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
