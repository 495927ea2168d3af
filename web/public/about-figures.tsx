// "About these figures" on the public page: what the theme counts, the months covered, where
// the figures come from and how they are rounded and hidden (the disclosure rules in words, from
// the server, so the page always says what the rules in force do).
import type { PublicThemes } from './public-api';
import { coverageWords } from './public-words';

type Theme = PublicThemes['themes'][number];

export function AboutFigures({ themes, theme }: { themes: PublicThemes; theme: Theme }) {
  return (
    <section className="public-section about-figures" aria-labelledby="about-title">
      <h2 id="about-title">About these figures</h2>
      <p>
        <strong>{theme.label}</strong> counts: {theme.includes.join(', ').toLowerCase()}. Figures are published for {coverageWords(theme.months)}; a month is
        published only when all the data of the theme is in for it.
      </p>
      <p>
        The figures are crimes and incidents recorded by the police, counted by calendar month; a month appears once it has ended. Locations are approximate:
        police.uk moves each crime to the nearest of a fixed set of points (a street or a public place) to protect the people involved, so a crime near a ward
        boundary may be counted in the next ward. Recorded figures also change with how often people report and how police record incidents, not only with how
        much crime there is.
      </p>
      <h3>{themes.disclosure.heading}</h3>
      {themes.disclosure.paragraphs.map((paragraph) => (
        <p key={paragraph}>{paragraph}</p>
      ))}
    </section>
  );
}
