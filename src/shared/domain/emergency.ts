/**
 * Emergency response levels of a region (国家应急预案分级): normal, then IV (blue) up to
 * I (red). Pure rules shared by the regional server (which enforces them) and the app
 * (which mirrors them in the officer UI).
 */
export const EMERGENCY_LEVELS = ['normal', 'IV', 'III', 'II', 'I'] as const;
export type EmergencyLevel = (typeof EMERGENCY_LEVELS)[number];

/** Signal colours of the levels, as on the national contingency plans. */
export const LEVEL_COLOURS: Readonly<Record<EmergencyLevel, string>> = {
  normal: '#2e7d32',
  IV: '#1e88e5',
  III: '#fdd835',
  II: '#fb8c00',
  I: '#e53935',
};

/** How long a proposal for level I/II waits for the second officer's co-signature. */
export const COSIGN_WINDOW_MS = 10 * 60 * 1000;
/** The longest a signed command envelope may live (issuedAt → expiresAt). */
export const MAX_ENVELOPE_LIFETIME_MS = 60 * 1000;

/** Higher is more severe: normal 0 … I 4. */
export function levelRank(level: EmergencyLevel): number {
  return EMERGENCY_LEVELS.indexOf(level);
}

/**
 * The two-person rule: any change that enters or leaves level I or II needs two different
 * officers (raising to II, lowering from I to III, ending a level II…). Changes among
 * normal, IV and III need one.
 */
export function needsTwoOfficers(from: EmergencyLevel, to: EmergencyLevel): boolean {
  return levelRank(from) >= levelRank('II') || levelRank(to) >= levelRank('II');
}
