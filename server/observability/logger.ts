// The server's log: one JSON object a line on stdout (pino), for the council's log collector.
// What goes in is chosen field by field where it is written (request-log.ts); the redaction
// below is the second line of defence, for a header, body or secret that reaches a log call
// some other way.
import { destination, pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Fields that may hold a credential or personal data, redacted at the top level and one level down (e.g. `req.headers`). */
const SECRET_FIELDS = ['authorization', 'cookie', 'password', 'newPassword', 'token', 'session', 'headers', 'body'];
export const REDACTED_PATHS = [...SECRET_FIELDS, ...SECRET_FIELDS.map((field) => `*.${field}`), '["set-cookie"]', '*["set-cookie"]'];

export interface LoggerOptions {
  level: LogLevel;
  /** Where the lines go: stdout unless a test collects them. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Readable by a person reading the file as well as by a collector.
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination ?? destination({ dest: 1, sync: true }),
  );
}

let stderrLogger: Logger | null = null;
/** For an app built without a logger (tests, benchmarks): server errors and their stacks on stderr, one logger for them all. */
export const errorsToStderr = (): Logger => (stderrLogger ??= createLogger({ level: 'error', destination: destination({ dest: 2, sync: true }) }));
