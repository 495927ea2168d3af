// The app's own route table read as data, for the tests that must cover every /api route: the
// route x role matrix (server/route-matrix.test.ts) and the fuzz (tests/integration/fuzz.test.ts).
// A route added later is in both without editing them; one they cannot call fails them.
import { z } from 'zod';
import { cellAt } from '../geo/h3';
import { declaredRoles, type ANYONE, type Role } from '../server/auth/roles';
import { validatedInput, type ValidatedInput } from '../server/validation';

export interface ApiRoute {
  /** 'GET', 'POST', ...; a route for every method (app.all) is called with GET. */
  method: string;
  /** As registered, e.g. '/api/taskings/:id{[0-9]+}'. */
  pattern: string;
  roles: readonly (Role | typeof ANYONE)[];
  /** What its validate(...) middlewares check, in order. */
  inputs: readonly ValidatedInput[];
}

/** Hono's `app.routes`: every handler and middleware under its method and path. */
type RouteTable = readonly { method: string; path: string; handler: unknown }[];

/** The /api routes of an app, one per method and path, with the roles they declare. */
export function apiRoutesOf(table: RouteTable): ApiRoute[] {
  const byKey = new Map<string, { method: string; pattern: string; handlers: unknown[] }>();
  for (const { method, path, handler } of table) {
    if (!path.startsWith('/api/')) continue;
    const key = `${method} ${path}`;
    const entry = byKey.get(key) ?? { method, pattern: path, handlers: [] };
    entry.handlers.push(handler);
    byKey.set(key, entry);
  }
  const routes: ApiRoute[] = [];
  for (const { method, pattern, handlers } of byKey.values()) {
    const roles = handlers.map(declaredRoles).find((r) => r !== null) ?? null;
    // The sign-in middleware and the not-found fallback answer every method and declare no roles: they are not routes.
    if (method === 'ALL' && roles === null) continue;
    if (roles === null) throw new Error(`${method} ${pattern} declares no roles; createApp should have refused to start`);
    const inputs = handlers.map(validatedInput).filter((input): input is ValidatedInput => input !== null);
    routes.push({ method: method === 'ALL' ? 'GET' : method, pattern, roles, inputs });
  }
  return routes.sort((a, b) => `${a.pattern} ${a.method}`.localeCompare(`${b.pattern} ${b.method}`));
}

export const routeKey = (route: Pick<ApiRoute, 'method' | 'pattern'>) => `${route.method} ${route.pattern}`;

/** A path parameter as Hono writes it: `:name`, `:name{regex}` (one level of braces inside), optional with `?`. */
const PATH_PARAM = /:([A-Za-z_]\w*)(?:\{((?:[^{}]|\{[^{}]*\})*)\})?\??/g;

/** Valid-looking values for path parameters, by name. A route with a parameter not named here fails the tests that call it. */
export const PATH_PARAM_SAMPLES: Readonly<Record<string, string>> = {
  id: '1',
  // Whitechapel at resolution 9, inside the fixture's study area.
  cell: cellAt(-0.0597, 51.5194, 9),
};

/** The pattern with each parameter replaced by `fill(name, regex)`, used as given (already URL-encoded). */
export function fillPath(pattern: string, fill: (name: string, regex: string | null) => string): string {
  return pattern.replace(PATH_PARAM, (_match, name: string, regex: string | undefined) => fill(name, regex ?? null));
}

/** The pattern with every parameter set to its sample value, which must match the parameter's regex. */
export function samplePath(pattern: string): string {
  return fillPath(pattern, (name, regex) => {
    const value = PATH_PARAM_SAMPLES[name];
    if (value === undefined)
      throw new Error(`No sample value for the path parameter :${name} of ${pattern}; add one to PATH_PARAM_SAMPLES in tests/api-routes.ts`);
    if (regex !== null && !new RegExp(`^(?:${regex})$`).test(value)) {
      throw new Error(`The sample value "${value}" for :${name} does not match ${pattern}; change it in PATH_PARAM_SAMPLES (tests/api-routes.ts)`);
    }
    return encodeURIComponent(value);
  });
}

export interface InputField {
  name: string;
  /** The values a z.enum field accepts, found through defaults, optionals and pipes; empty for other fields. */
  options: readonly string[];
  /** Whether the request may leave it out (optional, or with a default). */
  optional: boolean;
}

/** The fields of an object schema, looking through intersections, pipes (transforms) and wrappers. */
export function fieldsOf(schema: z.core.$ZodType): InputField[] {
  const fields = new Map<string, InputField>();
  const visit = (s: z.core.$ZodType) => {
    const inner = unwrap(s);
    if (inner instanceof z.ZodObject) {
      for (const [name, field] of Object.entries(inner.shape))
        fields.set(name, { name, options: enumOptions(field), optional: z.safeParse(field, undefined).success });
    } else if (inner instanceof z.ZodIntersection) {
      visit(inner.def.left);
      visit(inner.def.right);
    }
  };
  visit(schema);
  return [...fields.values()];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.ZodPipe) return unwrap(schema.def.in);
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodPrefault) {
    return unwrap(schema.def.innerType);
  }
  return schema;
}

function enumOptions(schema: z.core.$ZodType): string[] {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodEnum) return inner.options.map(String);
  if (inner instanceof z.ZodUnion) return inner.def.options.flatMap(enumOptions);
  return [];
}
