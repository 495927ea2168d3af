// The signed-in page: loads what every view needs (areas, categories, meta, map config),
// then hands over to the staff map. The public role sees the public page instead (app.tsx).
import { useEffect, useState } from 'react';
import { fetchAreas, fetchCategories, fetchMapConfig, fetchMeta, type ApiFailure, type Meta, type User } from './api-client';
import { labelsOfAreas, type AreaLabel } from './area-labels';
import type { GroupOption } from './controls';
import { AREA_KINDS, EMPTY_AREAS, type BaseAreas } from './map-style';
import { StaffMap } from './staff-map';

export interface BaseData {
  areas: BaseAreas;
  labels: AreaLabel[];
  groups: GroupOption[];
  /** Null for the public role: /api/meta is for Partnership staff. */
  meta: Meta | null;
  mapStyleUrl: string | null;
}

type Loading = { status: 'loading' } | { status: 'failed'; failure: ApiFailure } | { status: 'ready'; data: BaseData };

async function loadBaseData(): Promise<{ ok: true; data: BaseData } | { ok: false; failure: ApiFailure }> {
  const keys = Object.keys(AREA_KINDS).filter((key): key is keyof BaseAreas => key in EMPTY_AREAS);
  const [areaResults, categories, meta, config] = await Promise.all([
    Promise.all(keys.map((key) => fetchAreas(AREA_KINDS[key]))),
    fetchCategories(),
    fetchMeta(),
    fetchMapConfig(),
  ]);
  const failures = [...areaResults, categories, meta].filter((r) => !r.ok);
  const firstFailure = failures[0];
  if (firstFailure && !firstFailure.ok) return { ok: false, failure: firstFailure.reason };
  const areas: BaseAreas = { ...EMPTY_AREAS };
  keys.forEach((key, k) => {
    const result = areaResults[k]!;
    if (result.ok) areas[key] = result.value;
  });
  return {
    ok: true,
    data: {
      areas,
      labels: labelsOfAreas(areas.wards),
      groups: categories.ok ? categories.value.groups.map((g) => ({ id: g.id, label: g.label, categories: g.categories })) : [],
      meta: meta.ok ? meta.value : null,
      mapStyleUrl: config.mapStyleUrl,
    },
  };
}

export interface MapPageProps {
  user: User;
  onSignOut: () => void;
  onSessionEnded: () => void;
}

export function MapPage({ user, onSignOut, onSessionEnded }: MapPageProps) {
  const [loading, setLoading] = useState<Loading>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void loadBaseData().then((result) => {
      if (cancelled) return;
      if (!result.ok && result.failure.signedOut) onSessionEnded();
      else setLoading(result.ok ? { status: 'ready', data: result.data } : { status: 'failed', failure: result.failure });
    });
    return () => {
      cancelled = true;
    };
  }, [user, onSessionEnded]);

  const demo = loading.status === 'ready' && loading.data.meta?.demo === true;
  const studyAreaName = loading.status === 'ready' ? loading.data.meta?.studyArea?.name : undefined;

  return (
    <div className="page">
      <header className="top-bar">
        <h1>
          Tasking Map <span className="area-name">{studyAreaName ?? 'Tower Hamlets'}</span>
        </h1>
        <div className="who">
          <a href="/patrols">Patrols</a>
          <span>
            {user.name} <span className="role">({user.role})</span>
          </span>
          <button type="button" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {demo && (
        <p className="demo-banner" role="note">
          DEMO DATA — synthetic, not real incidents
        </p>
      )}
      {loading.status === 'loading' && <p className="page-message">Loading the map…</p>}
      {loading.status === 'failed' && (
        <p className="page-message" role="alert">
          The map could not load: {loading.failure.message}
        </p>
      )}
      {loading.status === 'ready' && loading.data.meta && (
        <StaffMap base={loading.data} meta={loading.data.meta} role={user.role} userName={user.name} onSessionEnded={onSessionEnded} />
      )}
    </div>
  );
}
