import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BriefingDelivery } from '../host/briefing-delivery';

export const DOWNLOAD_PREFIX = '/download/';
/** An offer not taken within this long is withdrawn. */
const OFFER_TTL_MS = 2 * 60_000;

interface Offer {
  file: string;
  name: string;
  expires: number;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Files the browser host offers for download (a written briefing): each under a random
 * one-time address that also needs the session token, served once as an attachment.
 */
export function createDownloadOffers(now: () => number = Date.now) {
  const offers = new Map<string, Offer>();
  const sweep = () => {
    for (const [id, o] of offers) if (o.expires <= now()) offers.delete(id);
  };

  const delivery: BriefingDelivery = {
    deliver: async (file, name) => {
      sweep();
      const id = randomBytes(24).toString('base64url');
      offers.set(id, { file, name, expires: now() + OFFER_TTL_MS });
      return { kind: 'download', url: `${DOWNLOAD_PREFIX}${id}`, name };
    },
  };

  /** Answers a GET under /download/; false when the request is not one of ours. */
  const handle = (req: IncomingMessage, res: ServerResponse, sessionToken: string): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(DOWNLOAD_PREFIX)) return false;
    if (req.method !== 'GET') {
      res.writeHead(405, { Allow: 'GET' }).end();
      return true;
    }
    if (!sameSecret(url.searchParams.get('token') ?? '', sessionToken)) {
      res.writeHead(401).end();
      return true;
    }
    sweep();
    const id = url.pathname.slice(DOWNLOAD_PREFIX.length);
    const offer = offers.get(id);
    offers.delete(id);
    if (!offer) {
      res.writeHead(404).end();
      return true;
    }
    let size: number;
    try {
      size = statSync(offer.file).size;
    } catch {
      res.writeHead(410).end();
      return true;
    }
    res.writeHead(200, {
      'Content-Type': 'application/pdf',
      'Content-Length': size,
      'Content-Disposition': `attachment; filename="${offer.name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(offer.name)}`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    createReadStream(offer.file).pipe(res);
    return true;
  };

  return { delivery, handle };
}

export type DownloadOffers = ReturnType<typeof createDownloadOffers>;
