// What makes a user name and a password acceptable, in words for whoever sets them.
import { MIN_PASSWORD_LENGTH } from './passwords';

const USERNAME = /^[a-z0-9][a-z0-9._@-]{0,99}$/;

/** User names are compared in lower case: "J.Smith" and "j.smith" are one account. */
export function normaliseUsername(name: string): string {
  return name.trim().toLowerCase();
}

export function usernameProblem(name: string): string | null {
  if (USERNAME.test(name)) return null;
  return 'A user name is 1 to 100 characters: letters, digits and . _ @ -, starting with a letter or digit (an email address works).';
}

/** Published passwords may never guard a real account. */
const PUBLISHED = new Set(['chair-demo-password', 'planner-demo-password', 'analyst-demo-password', 'public-demo-password', 'officer-demo-password']);

export function passwordProblem(password: string, username: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words make a good one.`;
  if (password.length > 200) return 'A password may have at most 200 characters.';
  if (password.toLowerCase().includes(username.toLowerCase())) return 'A password may not contain the user name.';
  if (PUBLISHED.has(password)) return 'That is one of the published demo passwords; choose another.';
  return null;
}
