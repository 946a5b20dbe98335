/**
 * An actor as a person reads it: the common name of a certificate subject ("CN=龙源,OU=430400-D001"
 * → "龙源"); anything else as it is. The full subject belongs in a tooltip.
 */
export function actorDisplayName(subject: string): string {
  const cn = /(?:^|,)\s*CN=((?:\\,|[^,])+)/i.exec(subject);
  return cn ? cn[1]!.replace(/\\,/g, ',').trim() : subject;
}
