import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { BriefingError } from './errors';

/**
 * The briefing's CJK typeface: Noto Sans SC (SIL OFL 1.1) as plain TrueType from the
 * `@expo-google-fonts/noto-sans-sc` package, embedded and subset into every PDF, so a
 * briefing never depends on the fonts installed on the machine. INRS_BRIEFING_FONT_DIR
 * points at another folder holding the same two files.
 */
export const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FILES = {
  regular: '400Regular/NotoSansSC_400Regular.ttf',
  bold: '700Bold/NotoSansSC_700Bold.ttf',
} as const;

export interface BriefingFonts {
  regular: string;
  bold: string;
}

export function locateFonts(env: NodeJS.ProcessEnv = process.env): BriefingFonts {
  const dir = env.INRS_BRIEFING_FONT_DIR;
  const resolveOne = (file: string): string => {
    if (dir) return `${dir}/${file.split('/').at(-1)}`;
    try {
      return createRequire(import.meta.url).resolve(`${FONT_PACKAGE}/${file}`);
    } catch {
      return '';
    }
  };
  const fonts = { regular: resolveOne(FILES.regular), bold: resolveOne(FILES.bold) };
  for (const path of Object.values(fonts)) {
    if (!path || !existsSync(path)) {
      const where = dir ? `INRS_BRIEFING_FONT_DIR=${dir}` : `the npm package ${FONT_PACKAGE}`;
      throw new BriefingError(
        'font-missing',
        `the briefing's Chinese font (${path || FILES.regular}) is missing from ${where}; reinstall the app's dependencies (npm ci) — briefings never use the machine's own fonts`,
      );
    }
  }
  return fonts;
}
