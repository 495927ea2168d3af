import type { Role } from './auth/roles';

export interface Principal {
  /** 'user:<name>' for a signed-in person, 'token:<label>' for an API token. */
  id: string;
  name: string;
  role: Role;
}

export interface AppEnv {
  Variables: {
    principal: Principal | null;
    /** This request's id in the request log and the X-Request-Id header (decision 021). */
    requestId: string;
  };
}
