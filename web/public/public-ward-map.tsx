// The public ward map (issue 15): each ward shaded by its published figure for the month, the
// chosen ward outlined; a tap or click on a ward chooses it. The legend sits beside the map and
// names every class in words; nothing is shown only on hover.
import { GeoJsonLayer } from '@deck.gl/layers';
import { useMemo, useState } from 'react';
import { labelsOfAreas } from '../area-labels';
import { wardLabels } from '../build-layers';
import type { BaseAreas } from '../map-style';
import { MapView, type MapPick } from '../map-view';
import type { PublicWards } from './public-api';
import { figureClasses } from './public-classes';

interface WardProperties {
  code: string;
  name: string;
}

export interface PublicWardMapProps {
  basemap: BaseAreas;
  mapStyleUrl: string | null;
  wards: PublicWards;
  selectedWard: string | null;
  onSelectWard: (code: string | null) => void;
}

const codeOfPick = (pick: MapPick): string | null => {
  const object = pick.object as { properties?: Partial<WardProperties> } | null;
  return typeof object?.properties?.code === 'string' ? object.properties.code : null;
};

export function PublicWardMap({ basemap, mapStyleUrl, wards, selectedWard, onSelectWard }: PublicWardMapProps) {
  const [drawn, setDrawn] = useState<string | null>(null);
  const classes = useMemo(() => figureClasses(wards.wards, wards.meta.rules), [wards]);
  const layersKey = `${wards.meta.theme}|${wards.meta.month}|${selectedWard ?? ''}`;
  // The key lists the classes this month's wards fall in, light to dark.
  const shownClasses = useMemo(() => {
    const used = new Set(wards.wards.map((w) => classes.classOf(w).id));
    return classes.classes.filter((c) => used.has(c.id));
  }, [classes, wards]);
  const labels = useMemo(() => labelsOfAreas(basemap.wards), [basemap.wards]);
  const layers = useMemo(() => {
    const byCode = new Map(wards.wards.map((w) => [w.code, w]));
    const colourOf = (code: string): [number, number, number, number] => {
      const figure = byCode.get(code);
      return figure ? [...classes.classOf(figure).colour, 215] : [255, 255, 255, 0];
    };
    return [
      new GeoJsonLayer<WardProperties>({
        id: 'public-wards',
        data: basemap.wards as GeoJSON.FeatureCollection<GeoJSON.Geometry, WardProperties>,
        pickable: true,
        filled: true,
        stroked: true,
        getFillColor: (f) => colourOf(f.properties.code),
        getLineColor: (f) => (f.properties.code === selectedWard ? [20, 20, 20, 255] : [90, 90, 90, 200]),
        getLineWidth: (f) => (f.properties.code === selectedWard ? 4 : 1),
        lineWidthUnits: 'pixels',
        updateTriggers: { getFillColor: [layersKey], getLineColor: [selectedWard], getLineWidth: [selectedWard] },
      }),
      ...wardLabels(labels),
    ];
  }, [basemap.wards, wards, classes, selectedWard, layersKey, labels]);

  return (
    <div className="public-map-block">
      <div className="public-map" data-drawn={drawn === layersKey ? 'true' : 'false'}>
        <MapView
          baseAreas={basemap}
          mapStyleUrl={mapStyleUrl}
          layers={layers}
          layersKey={layersKey}
          onPick={(pick) => onSelectWard(codeOfPick(pick))}
          drawing={false}
          onDrawn={setDrawn}
        />
      </div>
      <ul className="public-legend" aria-label="Map key">
        {shownClasses.map((c) => (
          <li key={c.id}>
            <span className={`swatch${c.id === 'zero' ? ' swatch-zero' : ''}`} style={{ background: `rgb(${c.colour.join(',')})` }} aria-hidden="true" />
            {c.label}
          </li>
        ))}
      </ul>
    </div>
  );
}
