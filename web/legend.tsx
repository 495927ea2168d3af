import { cssColour, legendClasses } from './colour-scale';

export function Legend({ h3Resolution }: { h3Resolution: number }) {
  return (
    <section className="legend" aria-labelledby="legend-title">
      <h2 id="legend-title">Incidents per 28 days per cell</h2>
      <ul>
        {legendClasses(h3Resolution).map((cls) => (
          <li key={cls.label}>
            <span className="swatch" style={{ background: cssColour(cls.colour) }} aria-hidden="true" />
            {cls.label}
          </li>
        ))}
        <li>
          <span className="swatch swatch-outline" aria-hidden="true" />
          month-only incidents overlap, none counted
        </li>
      </ul>
      <p className="fine-print">Colours show the rate, so they stay comparable when the window changes: 2 incidents in 7 days look like 8 in 28.</p>
    </section>
  );
}
