import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A cheap fingerprint of a PKI folder's certificates and CRLs (names, sizes, change times, two
 * levels deep): the server reloads its trust material on demand only when this changes.
 */
export function trustFilesStamp(dir: string): string {
  const parts: string[] = [];
  const walk = (folder: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(folder).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(folder, name);
      try {
        const stat = statSync(path);
        if (stat.isDirectory()) {
          if (depth > 0) walk(path, depth - 1);
        } else if (/\.(crt|crl|pem)$/.test(name)) {
          parts.push(`${path}:${stat.size}:${stat.mtimeMs}`);
        }
      } catch {
        // Gone between the listing and the stat: the next stamp sees it.
      }
    }
  };
  walk(dir, 1);
  return parts.join('\n');
}
