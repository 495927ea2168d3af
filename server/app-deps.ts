import type { Coverage } from '../geo/coverage';
import type { DisclosureRules } from '../geo/disclosure/rules';
import type { ComputeService } from './compute/compute-service';
import type { ResponseCache } from './compute/response-cache';
import type { SessionPolicy } from './auth/auth-queries';
import type { SignInThrottle } from './auth/sign-in-throttle';
import type { Db } from './db/open-database';
import type { StudyGrid } from './hotspots/study-grid';
import type { IncidentIndex } from './incidents/incident-index';
import type { PdfRenderer } from './pdf/pdf-renderer';
import type { SchoolCalendarSource } from './incidents/window-params';

export interface AppDeps {
  db: Db;
  /** Injected so tests control "now". */
  clock: () => Date;
  /** Builds the in-memory index and runs the long statistics (on a worker thread in the server). */
  compute: ComputeService;
  /** Statistics answers per data version and query (the meeting room's many screens). */
  answers: ResponseCache;
  /** The index the request has awaited with compute.index(...). */
  incidentIndex: () => IncidentIndex;
  /** Study-area cells and neighbourhoods per (resolution, k), cached until the study area changes. */
  studyGrid: StudyGrid;
  /** Which categories have data in which months, cached until a batch lands. */
  coverage: () => Coverage;
  /** Secure cookies need HTTPS or localhost; off only for plain-HTTP deployments behind a proxy. */
  secureCookies: boolean;
  sessions: SessionPolicy;
  signInThrottle: SignInThrottle;
  /** Whether X-Forwarded-For names the client (behind a reverse proxy). */
  trustProxy: boolean;
  /** The school calendar as a day filter (schoolDays= on every windowed route). */
  schoolCalendar: SchoolCalendarSource;
  /** Uploads larger than this are refused with 413 (MAX_UPLOAD_BYTES unless a test lowers it). */
  maxUploadBytes: number;
  /** Where multipart uploads are spooled while they arrive (the OS temp directory by default). */
  uploadTempDir: string;
  /** What the public may see: every /api/public answer goes through these (decision 031). */
  disclosureRules: DisclosureRules;
  /** Prints the app's own pages to PDF in headless Chromium (decision 039). */
  pdf: PdfRenderer;
  /** Where this server's pages can be opened from this machine, for printing them; null = the request's own origin. */
  pageOrigin: string | null;
}
