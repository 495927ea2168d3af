// The public page (issue 15, decision 036): what Safer Neighbourhood Board members and residents
// may see, with no sign-in. A ward map of one theme and month, the ward table, 12-month trends for
// the borough and a chosen ward, the months covered and the caveats in plain words, and the
// partnership's priorities. Every figure comes from /api/public/*, as the disclosure rules publish
// it. The theme, month and ward live in the address, so a link shows the same page.
import { useEffect, useMemo, useState } from 'react';
import { fetchCurrentUser, fetchMapConfig, signOut, type User } from '../api-client';
import type { BaseAreas } from '../map-style';
import { AboutFigures } from './about-figures';
import { fetchPublicBasemap, fetchPublicThemes, fetchPublicTrend, fetchPublicWards, type PublicThemes, type PublicTrend, type PublicWards } from './public-api';
import { PrioritiesSection } from './priorities-section';
import { PublicWardMap } from './public-ward-map';
import { readPublicChoice, writePublicChoice, type PublicChoice } from './public-choice';
import { monthLabel } from './public-words';
import { TrendChart } from './trend-chart';
import { WardTable } from './ward-table';
import './public-page.css';

type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'ready'; value: T };

interface Frame {
  themes: PublicThemes;
  basemap: BaseAreas;
  mapStyleUrl: string | null;
  /** Who is signed in, if anyone: staff get a way back to the map, and the chair or an analyst may edit the priorities. */
  user: User | null;
}

export default function PublicPage() {
  const [frame, setFrame] = useState<Loaded<Frame>>({ status: 'loading' });
  const [choice, setChoice] = useState<PublicChoice>(() => readPublicChoice(window.location.search));
  const [wards, setWards] = useState<Loaded<PublicWards>>({ status: 'loading' });
  const [trends, setTrends] = useState<{ borough: PublicTrend | null; ward: PublicTrend | null }>({ borough: null, ward: null });

  useEffect(() => {
    void Promise.all([fetchPublicThemes(), fetchPublicBasemap(), fetchMapConfig(), fetchCurrentUser()]).then(([themes, basemap, config, user]) => {
      if (!themes.ok) return setFrame({ status: 'failed', message: themes.reason.message });
      if (!basemap.ok) return setFrame({ status: 'failed', message: basemap.reason.message });
      setFrame({
        status: 'ready',
        value: { themes: themes.value, basemap: basemap.value, mapStyleUrl: config.mapStyleUrl, user: user.ok ? user.value : null },
      });
    });
  }, []);

  // The theme and month asked for, or the first theme and its latest month.
  const themes = frame.status === 'ready' ? frame.value.themes : null;
  const theme = themes?.themes.find((t) => t.id === choice.theme) ?? themes?.themes.find((t) => t.months.length > 0) ?? themes?.themes[0] ?? null;
  const month = theme ? (theme.months.includes(choice.month ?? '') ? choice.month! : (theme.months.at(-1) ?? null)) : null;
  const ward = themes?.wards.find((w) => w.code === choice.ward) ?? null;

  useEffect(() => {
    if (theme && month) writePublicChoice({ theme: theme.id, month, ward: ward?.code ?? null });
  }, [theme, month, ward]);

  useEffect(() => {
    if (!theme || !month) return;
    let cancelled = false;
    setWards({ status: 'loading' });
    void fetchPublicWards(theme.id, month).then((result) => {
      if (!cancelled) setWards(result.ok ? { status: 'ready', value: result.value } : { status: 'failed', message: result.reason.message });
    });
    return () => {
      cancelled = true;
    };
  }, [theme, month]);

  // The trends run to the month shown: the twelve months up to it.
  useEffect(() => {
    if (!theme || !month) return;
    let cancelled = false;
    void Promise.all([fetchPublicTrend(theme.id, null, month), ward ? fetchPublicTrend(theme.id, ward.code, month) : Promise.resolve(null)]).then(
      ([borough, one]) => {
        if (!cancelled) setTrends({ borough: borough.ok ? borough.value : null, ward: one?.ok ? one.value : null });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [theme, month, ward]);

  const choose = (next: Partial<PublicChoice>) => setChoice((current) => ({ ...current, ...next }));
  const threshold = wards.status === 'ready' ? wards.value.meta.rules.smallCountThreshold : 10;
  const headline = useMemo(() => {
    if (wards.status !== 'ready' || !theme || !month) return null;
    const borough = wards.value.borough;
    const rate = borough.ratePer1000 === null ? '' : ` (${borough.ratePer1000.toFixed(1)} per 1,000 residents)`;
    return `${theme.label} in ${monthLabel(month, 'long')}: ${borough.kind === 'rounded' ? `about ${Number(borough.value).toLocaleString('en-GB')} incidents` : borough.text} across the borough${rate}.`;
  }, [wards, theme, month]);

  return (
    <div className="public-page">
      <header className="public-header">
        <div>
          <h1>Crime and safety in Tower Hamlets</h1>
          <p>Monthly figures from the Tower Hamlets Community Safety Partnership, for residents and Safer Neighbourhood Board members.</p>
        </div>
        <SignedIn user={frame.status === 'ready' ? frame.value.user : null} />
      </header>
      {themes?.demo && (
        <p className="demo-banner" role="note">
          DEMO DATA — synthetic, not real incidents
        </p>
      )}
      {frame.status === 'loading' && <p className="page-message">Loading…</p>}
      {frame.status === 'failed' && (
        <p className="page-message" role="alert">
          The page could not load: {frame.message}
        </p>
      )}
      {frame.status === 'ready' && theme && (
        <main className="public-body">
          <form className="public-controls" onSubmit={(e) => e.preventDefault()}>
            <div className="control">
              <label htmlFor="public-theme">What</label>
              <select id="public-theme" value={theme.id} onChange={(e) => choose({ theme: e.target.value })}>
                {frame.value.themes.themes.map((t) => (
                  <option key={t.id} value={t.id} disabled={t.months.length === 0}>
                    {t.label}
                    {t.months.length === 0 ? ' (no figures yet)' : ''}
                  </option>
                ))}
              </select>
            </div>
            <div className="control">
              <label htmlFor="public-month">Month</label>
              <select id="public-month" value={month ?? ''} onChange={(e) => choose({ month: e.target.value })} disabled={!month}>
                {[...theme.months].reverse().map((m) => (
                  <option key={m} value={m}>
                    {monthLabel(m, 'long')}
                  </option>
                ))}
              </select>
            </div>
            <div className="control">
              <label htmlFor="public-ward">Ward for the trend</label>
              <select id="public-ward" value={ward?.code ?? ''} onChange={(e) => choose({ ward: e.target.value || null })}>
                <option value="">None: the borough only</option>
                {frame.value.themes.wards.map((w) => (
                  <option key={w.code} value={w.code}>
                    {w.name}
                  </option>
                ))}
              </select>
            </div>
          </form>
          {!month && <p className="page-message">There are no {theme.label.toLowerCase()} figures to publish yet.</p>}
          {headline && <p className="public-headline">{headline}</p>}
          {wards.status === 'failed' && <p role="alert">The figures could not be loaded: {wards.message}</p>}
          {wards.status === 'ready' && month && (
            <div className="public-main">
              <PublicWardMap
                basemap={frame.value.basemap}
                mapStyleUrl={frame.value.mapStyleUrl}
                wards={wards.value}
                selectedWard={ward?.code ?? null}
                onSelectWard={(code) => choose({ ward: code })}
              />
              <div className="public-side">
                <WardTable wards={wards.value} selectedWard={ward?.code ?? null} onSelectWard={(code) => choose({ ward: code })} months={theme.months} />
                <div className="public-trends">
                  {trends.borough && (
                    <TrendChart
                      title={`Borough: ${theme.label.toLowerCase()}, incidents a month to ${monthLabel(month, 'long')}`}
                      trend={trends.borough}
                      threshold={threshold}
                    />
                  )}
                  {ward && trends.ward && (
                    <TrendChart
                      title={`${ward.name}: ${theme.label.toLowerCase()}, incidents a month to ${monthLabel(month, 'long')}`}
                      trend={trends.ward}
                      threshold={threshold}
                    />
                  )}
                  {!ward && <p className="hint">Choose a ward on the map, in the table or above to see its trend.</p>}
                </div>
              </div>
            </div>
          )}
          <div className="public-notes">
            <AboutFigures themes={frame.value.themes} theme={theme} />
            <PrioritiesSection canEdit={frame.value.user?.role === 'chair' || frame.value.user?.role === 'analyst'} />
          </div>
        </main>
      )}
    </div>
  );
}

function SignedIn({ user }: { user: User | null }) {
  if (!user) {
    return (
      <a className="staff-link" href="/">
        Partnership staff: sign in
      </a>
    );
  }
  return (
    <div className="staff-link">
      {user.name} ({user.role}){' '}
      {user.role !== 'public' && (
        <a href="/" className="back-to-map">
          Back to the map
        </a>
      )}{' '}
      <button type="button" onClick={() => void signOut().then(() => window.location.assign('/'))}>
        Sign out
      </button>
    </div>
  );
}
