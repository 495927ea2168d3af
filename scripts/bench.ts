// npm run bench [-- cells|import|hotspots|startup|load|themes|cctv|patrols]: prints figures and ratios against the targets
// in the issues. Targets are reported, never asserted: benchmarks do not fail on a slow machine.
import { benchCctv } from './bench/cctv-bench';
import { benchCells } from './bench/cells-bench';
import { benchHotspots } from './bench/hotspots-bench';
import { benchImport } from './bench/import-bench';
import { benchLoad } from './bench/load-bench';
import { benchPatrols } from './bench/patrols-bench';
import { benchStartup } from './bench/startup-bench';
import { benchThemes } from './bench/themes-bench';

const SUITES: Record<string, () => Promise<void>> = {
  import: benchImport,
  cells: benchCells,
  hotspots: benchHotspots,
  startup: benchStartup,
  load: benchLoad,
  themes: benchThemes,
  cctv: benchCctv,
  patrols: benchPatrols,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in SUITES));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(SUITES).join(', ')}.`);
  process.exit(2);
}
console.log(`Tasking Map benchmarks on ${process.platform} ${process.arch}, Node ${process.version}`);
for (const name of wanted.length > 0 ? wanted : Object.keys(SUITES)) await SUITES[name]!();
