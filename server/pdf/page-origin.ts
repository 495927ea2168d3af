// The origin a headless browser on this machine opens the server's own pages on: its listening
// address, with a wildcard host (0.0.0.0, ::) read as loopback.
export function pageOriginOf(scheme: 'http' | 'https', host: string, port: number): string {
  const reachable =
    host === '0.0.0.0' || host === '' ? '127.0.0.1' : host === '::' ? '[::1]' : host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${scheme}://${reachable}:${port}`;
}
