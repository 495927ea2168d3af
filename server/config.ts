// The server's configuration from its environment, checked whole before anything starts:
// every bad value is named with what to send instead (README: Configuration).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from '../geo/disclosure/rules';
import { DEFAULT_SESSION_POLICY } from './auth/auth-queries';
import { LOG_LEVELS, type LogLevel } from './observability/logger';
import { DEFAULT_SLOW_REQUEST_MS } from './observability/request-log';
import { readRulesFile } from './public/public-settings';

const origin = z.string().transform((value, ctx) => {
  try {
    const url = new URL(value);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '')) return url.origin;
  } catch {
    // Reported below.
  }
  ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin; expected e.g. https://tasking.example.gov.uk (scheme, host and port only)` });
  return z.NEVER;
});
const originList = z
  .string()
  .default('')
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  )
  .pipe(z.array(origin));

const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DB_PATH: z.string().min(1).default('data/tasking-map.db'),
  MAP_STYLE_URL: z.url({ message: 'expected the URL of a MapLibre style, e.g. https://tiles.example.org/style.json' }).optional(),
  COOKIE_SECURE: z.enum(['true', 'false']).default('true'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  WEB_DIST: z.string().default('dist/web'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(DEFAULT_SESSION_POLICY.idleMinutes),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .default(DEFAULT_SESSION_POLICY.maxHours),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  PUBLIC_ORIGIN: originList,
  CSP_CONNECT_SRC: originList,
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `expected one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  SLOW_REQUEST_MS: z.coerce
    .number({ message: 'expected a number of milliseconds, e.g. 1000' })
    .int('expected a whole number of milliseconds, e.g. 1000')
    .min(1, 'expected 1 to 600000 milliseconds')
    .max(600_000, 'expected 1 to 600000 milliseconds')
    .default(DEFAULT_SLOW_REQUEST_MS),
  DISCLOSURE_RULES: z.string().min(1, 'expected the path of a JSON file of disclosure rules (see docs/public-view.md)').optional(),
  CHROMIUM_PATH: z.string().min(1, 'expected the path of a Chromium executable, e.g. /usr/bin/chromium').optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  dbPath: string;
  mapStyleUrl: string | null;
  secureCookies: boolean;
  demoData: 'auto' | 'off';
  webDist: string;
  sessions: { idleMinutes: number; maxHours: number };
  trustProxy: boolean;
  publicOrigins: string[];
  /** Origins the page may fetch from: the basemap style's own and CSP_CONNECT_SRC. */
  connectSources: string[];
  tls: { cert: Buffer; key: Buffer } | null;
  /** The request log's level ('silent' for none) and its slow-request threshold (decision 021). */
  logLevel: LogLevel;
  slowRequestMs: number;
  /** What the public may see (decision 031): DISCLOSURE_RULES's file, or the safe defaults; `source` names which. */
  disclosure: { rules: DisclosureRules; source: string };
  /** The Chromium that prints PDFs; null = /usr/bin/chromium (decision 039). */
  chromiumPath: string | null;
}

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

export function readConfig(env: Record<string, string | undefined>): ConfigResult {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  // Checked beside the fields, so one start-up names every problem.
  if (!env['TLS_CERT'] !== !env['TLS_KEY']) problems.push('TLS_CERT/TLS_KEY: set both (PEM files) for HTTPS, or neither');
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  let tls: ServerConfig['tls'] = null;
  if (e.TLS_CERT && e.TLS_KEY) {
    try {
      tls = { cert: readFileSync(e.TLS_CERT), key: readFileSync(e.TLS_KEY) };
    } catch (error) {
      return { ok: false, problems: [`TLS_CERT/TLS_KEY: cannot read the certificate or key (${error instanceof Error ? error.message : String(error)})`] };
    }
  }
  let disclosure: ServerConfig['disclosure'] = { rules: DEFAULT_DISCLOSURE_RULES, source: 'defaults' };
  if (e.DISCLOSURE_RULES) {
    const rules = readRulesFile(e.DISCLOSURE_RULES);
    if (!rules.ok) return { ok: false, problems: [`DISCLOSURE_RULES: ${rules.reason}`] };
    disclosure = { rules: rules.value, source: e.DISCLOSURE_RULES };
  }
  const styleOrigin = e.MAP_STYLE_URL ? [new URL(e.MAP_STYLE_URL).origin] : [];
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dbPath: e.DB_PATH,
      mapStyleUrl: e.MAP_STYLE_URL ?? null,
      secureCookies: e.COOKIE_SECURE === 'true',
      demoData: e.DEMO_DATA,
      webDist: e.WEB_DIST,
      sessions: { idleMinutes: e.SESSION_IDLE_MINUTES, maxHours: e.SESSION_MAX_HOURS },
      trustProxy: e.TRUST_PROXY === 'true',
      publicOrigins: e.PUBLIC_ORIGIN,
      connectSources: [...new Set([...styleOrigin, ...e.CSP_CONNECT_SRC])],
      tls,
      logLevel: e.LOG_LEVEL,
      slowRequestMs: e.SLOW_REQUEST_MS,
      disclosure,
      chromiumPath: e.CHROMIUM_PATH ?? null,
    },
  };
}
