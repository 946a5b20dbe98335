/**
 * Whether a received batch may be applied: only the one that starts right after the
 * replica's cursor. Anything else (a duplicate, a replay, a gap after a dropped frame,
 * a batch for another region) is refused and the link resumes from its own cursor.
 */
export function batchRefusal(
  cursor: number,
  region: string,
  frame: { region: string; fromSeq: number; events: readonly { seq: number }[] },
): string | null {
  if (frame.region !== region) return `batch for region ${frame.region} on the link of ${region}`;
  if (frame.fromSeq !== cursor + 1) return `batch from seq ${frame.fromSeq} does not follow cursor ${cursor}`;
  for (let i = 0; i < frame.events.length; i++) {
    if (frame.events[i]?.seq !== frame.fromSeq + i) return `batch is not contiguous at position ${i}`;
  }
  return null;
}
