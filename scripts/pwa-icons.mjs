// The web app's icons (web manifest, notifications, home screen), drawn at build time so no binary lives in the
// repository: a white "A" on the header's dark blue, inside the middle 60 % so a round or squircle mask
// (`purpose: maskable`) never cuts it. Used by web/vite.config.ts; PNG written with node:zlib.
import { deflateSync } from 'node:zlib';

export const ICON_SIZES = [192, 512];
export const THEME_COLOUR = '#083b67';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Distance from (px, py) to the segment a–b. */
function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

// The letter in unit coordinates (0–1 across the icon): two legs and a bar.
const STROKES = [
  [
    [0.5, 0.24],
    [0.3, 0.76],
  ],
  [
    [0.5, 0.24],
    [0.7, 0.76],
  ],
  [
    [0.38, 0.58],
    [0.62, 0.58],
  ],
];
const HALF_STROKE = 0.045;

/** A square RGBA PNG of `size` pixels. */
export function iconPng(size) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(THEME_COLOUR.slice(i, i + 2), 16));
  const samples = 4;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) {
      // Only pixels on a stroke's edge need sampling: the rest are wholly inside or outside.
      const centre = Math.min(...STROKES.map(([a, c]) => segmentDistance((x + 0.5) / size, (y + 0.5) / size, a, c)));
      const margin = 0.75 / size;
      let inside = centre <= HALF_STROKE - margin ? samples * samples : 0;
      for (let sy = 0; centre > HALF_STROKE - margin && centre < HALF_STROKE + margin && sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = (x + (sx + 0.5) / samples) / size;
          const py = (y + (sy + 0.5) / samples) / size;
          if (STROKES.some(([a, c]) => segmentDistance(px, py, a, c) <= HALF_STROKE)) inside++;
        }
      }
      const white = inside / (samples * samples);
      const offset = 1 + x * 4;
      row[offset] = Math.round(r + (255 - r) * white);
      row[offset + 1] = Math.round(g + (255 - g) * white);
      row[offset + 2] = Math.round(b + (255 - b) * white);
      row[offset + 3] = 255;
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The web app manifest (served at /app/manifest.webmanifest). */
export function webManifest() {
  return {
    name: 'A-kassen – booking',
    short_name: 'A-kassen',
    description: 'Book og se dine møder med a-kassen',
    lang: 'da',
    id: '/app/',
    start_url: '/app/',
    scope: '/app/',
    display: 'standalone',
    background_color: '#f6f7f9',
    theme_color: THEME_COLOUR,
    icons: ICON_SIZES.flatMap((size) => [
      { src: `/app/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any' },
      { src: `/app/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'maskable' },
    ]),
  };
}
