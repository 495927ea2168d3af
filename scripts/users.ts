// npm run users -- <add|passwd|disable|enable|list> ...
// The thin main of the accounts CLI; the logic (and its help) is in ./users-cli.ts.
import { readPasswordFromProcess, runUsersCli } from './users-cli';

process.exitCode = await runUsersCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
  readPassword: readPasswordFromProcess,
  env: process.env,
  now: () => new Date(),
});
