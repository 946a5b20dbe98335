import type { Locator, Page } from 'playwright-core';

/**
 * Page coordinates of a longitude/latitude on the map, from the camera the map publishes on
 * its container (data-center, data-zoom) and maplibre's Web Mercator with 512-pixel tiles.
 */
export async function projectOnMap(map: Locator, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const [center, zoom, box] = await Promise.all([map.getAttribute('data-center'), map.getAttribute('data-zoom'), map.boundingBox()]);
  if (!center || !zoom || !box) throw new Error('the map has not published its camera yet');
  const [clon, clat] = center.split(',').map(Number) as [number, number];
  const world = 512 * 2 ** Number(zoom);
  const mx = (l: number) => ((l + 180) / 360) * world;
  const my = (p: number) => {
    const s = Math.sin((p * Math.PI) / 180);
    return (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * world;
  };
  return { x: box.x + box.width / 2 + mx(lon) - mx(clon), y: box.y + box.height / 2 + my(lat) - my(clat) };
}

/** Waits for the map to say it has drawn everything it was given (maplibre idle + deck.gl frame). */
export async function waitForMapReady(page: Page, timeout = 90_000): Promise<Locator> {
  const map = page.locator('[data-testid="map"][data-map-ready="true"]');
  await map.waitFor({ state: 'attached', timeout });
  return map;
}

/**
 * Share of sampled pixels of an element's screenshot that differ from its most common colour:
 * near 0 for a blank canvas. The screenshot is decoded in the page (no PNG library needed).
 */
export async function nonBlankShare(page: Page, element: Locator): Promise<number> {
  const png = (await element.screenshot()).toString('base64');
  return page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const { data: px } = ctx.getImageData(0, 0, img.width, img.height);
    const counts = new Map<number, number>();
    const samples: number[] = [];
    for (let y = 5; y < img.height; y += 11) {
      for (let x = 5; x < img.width; x += 11) {
        const i = (y * img.width + x) * 4;
        const key = ((px[i]! >> 3) << 10) | ((px[i + 1]! >> 3) << 5) | (px[i + 2]! >> 3);
        samples.push(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const top = Math.max(...counts.values());
    return 1 - top / samples.length;
  }, png);
}
