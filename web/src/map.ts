import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import countryCodes from 'i18n-iso-countries';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { h, onActivate, svg } from './dom.js';
import { noStatusColour, otherLandColour, type Status, statusColours } from './model.js';

// The world map: every country of world-atlas (Natural Earth 1:110m), SCO countries coloured by status.

const WIDTH = 960;
const HEIGHT = 540;

// States too small for the 1:110m map (absent from it): a marker at their centre instead.
const MARKED_STATES: Record<string, [longitude: number, latitude: number]> = {
  BH: [50.56, 26.07],
  MV: [73.5, 3.2],
};
// A country smaller than this on the map (in square units of the viewBox) also gets a marker.
const SMALL_AREA = 12;

export interface MapCountry {
  code: string;
  name: string;
  status: Status | null;
  /** Shown after the name in the tooltip, e.g. "observer since 4 July 2024". */
  detail: string;
  /** The country's text alternative: its name and its status on the date. */
  label: string;
}

export interface WorldMap {
  /** Colours and names for the date: countries not given are drawn as land without a status. */
  update(countries: readonly MapCountry[], label: string): void;
}

interface Shape {
  /** The focusable element: the country's path, or its marker. */
  target: SVGElement;
  /** Everything that takes the status colour. */
  painted: SVGElement[];
}

export function createMap(
  element: SVGSVGElement,
  tooltip: HTMLElement,
  topology: Topology,
  scoCountries: ReadonlySet<string>,
  onSelect: (code: string) => void,
): WorldMap {
  const countries = feature(topology, topology.objects.countries as GeometryCollection).features as Feature<
    Geometry,
    { name: string }
  >[];
  // Afro-Eurasia, from the Atlantic to the Pacific and from South Africa to the Arctic.
  const frame: Feature = {
    type: 'Feature',
    properties: {},
    geometry: {
      type: 'MultiPoint',
      coordinates: [
        [-16, 72],
        [150, 72],
        [-16, -12],
        [150, -12],
        [66, 80],
        [66, -14],
      ],
    },
  };
  const projection = geoNaturalEarth1()
    .rotate([-66, 0])
    .fitExtent(
      [
        [6, 6],
        [WIDTH - 6, HEIGHT - 6],
      ],
      frame,
    );
  const path = geoPath(projection);

  element.setAttribute('viewBox', `0 0 ${WIDTH} ${HEIGHT}`);
  const title = svg('title', { id: 'map-title' });
  element.replaceChildren(
    title,
    svg('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' }),
    svg('path', { class: 'graticule', d: path(geoGraticule10()) ?? '', 'aria-hidden': 'true' }),
  );
  element.setAttribute('role', 'group');
  element.setAttribute('aria-labelledby', 'map-title');

  const land = svg('g', { class: 'land' });
  const markers = svg('g', { class: 'markers' });
  element.append(land, markers);

  const shapes = new Map<string, Shape>();
  const marker = (code: string, [x, y]: [number, number]) => {
    const circle = svg('circle', { class: 'marker', cx: x.toFixed(1), cy: y.toFixed(1), r: 5, 'data-code': code });
    markers.append(circle);
    return circle;
  };

  for (const country of countries) {
    const code = country.id === undefined ? undefined : countryCodes.numericToAlpha2(country.id);
    const shape = svg('path', { d: path(country) ?? '', fill: otherLandColour, class: 'country' });
    land.append(shape);
    if (!code || !scoCountries.has(code)) {
      shape.setAttribute('aria-hidden', 'true');
      continue;
    }
    shape.setAttribute('data-code', code);
    if (path.area(country) < SMALL_AREA) {
      const dot = marker(code, path.centroid(country));
      shapes.set(code, { target: dot, painted: [shape, dot] });
      shape.setAttribute('aria-hidden', 'true');
    } else {
      shapes.set(code, { target: shape, painted: [shape] });
    }
  }
  for (const [code, coordinates] of Object.entries(MARKED_STATES)) {
    const point = projection(coordinates);
    if (!shapes.has(code) && scoCountries.has(code) && point) {
      const dot = marker(code, point);
      shapes.set(code, { target: dot, painted: [dot] });
    }
  }

  const describe = new Map<SVGElement, MapCountry>();
  for (const [code, { target }] of shapes) {
    target.setAttribute('tabindex', '0');
    target.setAttribute('role', 'button');
    target.classList.add('selectable');
    onActivate(target, () => onSelect(code));
    const show = () => {
      const country = describe.get(target);
      if (country) showTooltip(tooltip, element, target, country);
    };
    target.addEventListener('pointerenter', show);
    target.addEventListener('focus', show);
    target.addEventListener('pointerleave', () => hideTooltip(tooltip));
    target.addEventListener('blur', () => hideTooltip(tooltip));
  }

  return {
    update(list, label) {
      title.textContent = label;
      const byCode = new Map(list.map((c) => [c.code, c]));
      for (const [code, { target, painted }] of shapes) {
        const country = byCode.get(code) ?? { code, name: code, status: null, detail: '', label: code };
        describe.set(target, country);
        const colour = country.status ? statusColours[country.status] : noStatusColour;
        for (const node of painted) {
          node.setAttribute('fill', colour);
          node.setAttribute('data-status', country.status ?? 'none');
        }
        target.setAttribute('aria-label', country.label);
      }
      hideTooltip(tooltip);
    },
  };
}

function showTooltip(tooltip: HTMLElement, map: SVGSVGElement, target: SVGElement, country: MapCountry) {
  const box = target.getBoundingClientRect();
  const frame = map.getBoundingClientRect();
  tooltip.replaceChildren(h('strong', {}, country.name), ` ${country.detail}`);
  tooltip.hidden = false;
  // CSSOM writes, which the page's style-src 'self' allows (style attributes in markup it would not).
  tooltip.style.left = `${Math.round(box.left - frame.left + box.width / 2)}px`;
  tooltip.style.top = `${Math.round(box.top - frame.top)}px`;
}

function hideTooltip(tooltip: HTMLElement) {
  tooltip.hidden = true;
}
