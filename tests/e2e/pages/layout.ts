import { expect, type Locator } from '@playwright/test';

/**
 * The element's box once it is on screen. `boundingBox()` answers null when the element is
 * re-rendered between finding and measuring it (a list swapping its first page for the whole
 * file, a chart redrawn): asked again until it answers, so a re-render is not a failure.
 */
export async function boxOf(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let box: Awaited<ReturnType<Locator['boundingBox']>> = null;
  await expect.poll(async () => (box = await locator.boundingBox())).not.toBeNull();
  return box!;
}
