// npm run token -- [create] --role analyst [--label "nightly export"] [--days 90] | list | revoke <id>
// The thin main of the token CLI; the logic (and its help) is in ./token-cli.ts.
import { runTokenCli } from './token-cli';

process.exitCode = runTokenCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  now: () => new Date(),
});
