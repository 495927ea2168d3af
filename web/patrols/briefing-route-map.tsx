// The briefing's route map, drawn as SVG (decision 039): the borough outline (and water and main
// roads when imported), each tasked area's cells hatched, the walking route, the start, and the
// stops numbered as the schedule's rows. Vector on paper, sharp at any size, black-and-white safe.
import { cellRing } from '../../geo/h3';
import type { LngLat } from '../../geo/types';
import type { AreaCollection } from '../map-style';
import type { BriefingArea, BriefingOutlines, BriefingResponse } from './briefing-api';
import { areaInView, boundsOf, frameOf, pathOfArea, pathOfLine, pathOfRing, scaleBarOf, stopMarkers, type MapFrame } from './briefing-map';

const WIDTH = 680;
const MAX_HEIGHT = 360;

function Layer({ areas, frame, className }: { areas: AreaCollection; frame: MapFrame; className: string }) {
  const d = areas.features
    .filter((f) => areaInView(f.geometry, frame.view))
    .map((f) => pathOfArea(f.geometry, frame))
    .join(' ');
  return d ? <path className={className} d={d} fillRule="evenodd" /> : null;
}

export function BriefingRouteMap({ briefing, outlines }: { briefing: BriefingResponse; outlines: BriefingOutlines }) {
  const { plan, areas } = briefing;
  const route = plan.route.coordinates as LngLat[];
  const cellRings = areas.map((area: BriefingArea) => ({ area, rings: area.cells.map((cell) => cellRing(cell)) }));
  const bounds = boundsOf([...route, ...cellRings.flatMap((a) => a.rings.flat())]);
  const frame = frameOf(bounds, { width: WIDTH, maxHeight: MAX_HEIGHT, minSpanMetres: 1200, padding: 0.12 });
  const markers = stopMarkers(plan.visits.map((v) => ({ taskingId: v.taskingId, point: v.point as LngLat })));
  const [startX, startY] = frame.project(plan.start as LngLat);
  const bar = scaleBarOf(frame, 140);
  return (
    <svg
      className="briefing-map-svg"
      viewBox={`0 0 ${frame.width} ${frame.height}`}
      role="img"
      aria-label={`Walking route from the start through ${markers.length} places, stops numbered as the schedule`}
      data-testid="briefing-map"
      data-stops={markers.map((m) => m.label).join(' ')}
    >
      <defs>
        <pattern id="briefing-hatch" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#fde2c4" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#7a3b00" strokeWidth="1.6" />
        </pattern>
        <clipPath id="briefing-clip">
          <rect width={frame.width} height={frame.height} />
        </clipPath>
      </defs>
      <rect className="map-paper" width={frame.width} height={frame.height} />
      <g clipPath="url(#briefing-clip)">
        <Layer areas={outlines.studyArea} frame={frame} className="map-borough" />
        <Layer areas={outlines.water} frame={frame} className="map-water" />
        <Layer areas={outlines.roads} frame={frame} className="map-roads" />
        {cellRings.map(({ area, rings }) => (
          <path key={area.taskingId} className="map-cells" d={rings.map((ring) => pathOfRing(ring, frame)).join(' ')} />
        ))}
        <path className="map-route-halo" d={pathOfLine(route, frame)} />
        <path className="map-route" d={pathOfLine(route, frame)} />
        <rect className="map-start" x={startX - 9} y={startY - 9} width={18} height={18} />
        <text className="map-start-label" x={startX} y={startY + 4}>
          S
        </text>
        {markers.map((marker) => {
          const [x, y] = frame.project(marker.point);
          const width = Math.max(22, 9 + marker.label.length * 8);
          return (
            <g key={marker.label} className="map-stop" data-testid="briefing-stop-marker">
              <rect x={x - width / 2} y={y - 11} width={width} height={22} rx={11} />
              <text x={x} y={y + 5}>
                {marker.label}
              </text>
            </g>
          );
        })}
      </g>
      <g className="map-furniture" transform={`translate(12 ${frame.height - 14})`}>
        <rect x={-6} y={-20} width={bar.pixels + 60} height={30} className="map-furniture-back" />
        <line x1={0} y1={0} x2={bar.pixels} y2={0} />
        <line x1={0} y1={-5} x2={0} y2={5} />
        <line x1={bar.pixels} y1={-5} x2={bar.pixels} y2={5} />
        <text x={bar.pixels + 8} y={4}>
          {bar.text}
        </text>
        <text x={0} y={-8} className="map-north">
          N ↑
        </text>
      </g>
    </svg>
  );
}
