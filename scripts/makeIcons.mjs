#!/usr/bin/env node
/**
 * Draws the app's icons (client/public/icons/*.png) from the same two rings as favicon.svg, with
 * Debian's chromium through playwright-core (both already needed by the browser tests): nothing is
 * downloaded, and the PNGs are committed, so a build needs neither. Run again after changing the mark:
 *   node scripts/makeIcons.mjs
 *
 * - icon-192.png, icon-512.png ("any"): the rings on a white rounded square, legible on dark and light
 *   launchers alike.
 * - icon-maskable-512.png ("maskable"): full-bleed white, the rings inside the central 60 % (the safe zone
 *   is a circle of 80 %), so any mask shape keeps them whole.
 * - apple-touch-icon.png (180): full-bleed white; iOS rounds the corners itself.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const out = path.resolve(import.meta.dirname, '../client/public/icons');
const rings = '<circle cx="24" cy="32" r="16" fill="none" stroke="#3b5bdb" stroke-width="6"/><circle cx="40" cy="32" r="16" fill="none" stroke="#e8590c" stroke-width="6"/>';

/** The rings (a 64×64 drawing) scaled to `scale` of the icon's width, centred, on the given background. */
function svg(size, { scale, radius }) {
  const inner = size * scale;
  const offset = (size - inner) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
    <rect width="${size}" height="${size}" rx="${size * radius}" fill="#ffffff"/>
    <g transform="translate(${offset} ${offset}) scale(${inner / 64})">${rings}</g>
  </svg>`;
}

const icons = [
  { file: 'icon-192.png', size: 192, scale: 0.86, radius: 0.2, transparent: true },
  { file: 'icon-512.png', size: 512, scale: 0.86, radius: 0.2, transparent: true },
  { file: 'icon-maskable-512.png', size: 512, scale: 0.6, radius: 0, transparent: false },
  { file: 'apple-touch-icon.png', size: 180, scale: 0.8, radius: 0, transparent: false },
];

mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  for (const icon of icons) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg(icon.size, icon)}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(out, icon.file), omitBackground: icon.transparent });
    await page.close();
    console.log(`client/public/icons/${icon.file}`);
  }
} finally {
  await browser.close();
}
