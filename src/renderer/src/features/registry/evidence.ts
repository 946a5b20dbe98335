/** Evidence typed by a verifier: SHA-256 content hashes separated by spaces, commas or new lines. */
export function parseEvidence(text: string): { ok: true; value: string[] } | { ok: false; bad: string } {
  const items = text
    .split(/[\s,，;；]+/)
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const bad = items.find((h) => !/^[0-9a-f]{64}$/.test(h));
  return bad === undefined ? { ok: true, value: [...new Set(items)] } : { ok: false, bad: bad.length > 20 ? `${bad.slice(0, 20)}…` : bad };
}
