// Where a webhook may be sent. A subscriber's URL is typed by an administrator
// but the request is made from inside the province's network, so a URL naming a
// private address (the server itself, the intranet, the cloud metadata service)
// would let anyone with the admin role probe or call internal systems. Such
// targets are refused when registered, and again when each delivery connects:
// the name is resolved, every address checked, and the socket connects to the
// checked address (a name that changes its answer between the check and the
// connection — DNS rebinding — cannot slip through).
//
// WEBHOOK_ALLOW_PRIVATE=true lifts the rule (tests run their receiver on 127.0.0.1;
// an installation whose receivers are on its own network may need it too).
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';

/** Addresses that are not on the public internet. */
const PRIVATE = new net.BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // carrier-grade NAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata (169.254.169.254)
  ['172.16.0.0', 12], // RFC 1918
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.168.0.0', 16], // RFC 1918
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  PRIVATE.addSubnet(prefix, bits, 'ipv4');
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  ['2001:db8::', 32], // documentation
  ['64:ff9b::', 96], // NAT64 (the IPv4 address inside is checked below)
] as const)
  PRIVATE.addSubnet(prefix, bits, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), -compatible or NAT64 IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1]!;
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const hi = Number.parseInt(hex[1]!, 16);
  const lo = Number.parseInt(hex[2]!, 16);
  return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
}

/** True for loopback, RFC 1918, link-local, CGNAT, unique-local and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = net.isIP(bare);
  if (family === 4) return PRIVATE.check(bare, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(bare);
    if (v4 !== null) return PRIVATE.check(v4, 'ipv4');
    return PRIVATE.check(bare, 'ipv6');
  }
  return true; // not an address at all: never treat it as public
}

export type TargetProblem = 'private' | 'unresolvable' | 'invalid';

export class PrivateTargetError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`refused: ${host} resolves to the private address ${address} (WEBHOOK_ALLOW_PRIVATE is off)`);
  }
}

type LookupAll = (host: string) => Promise<{ address: string; family: number }[]>;
const lookupAll: LookupAll = (host) => dns.promises.lookup(host, { all: true, verbatim: true });

/**
 * Whether a URL may receive webhooks: its host, or every address its name resolves to, must be
 * public. Returns the problem, or null when the target is acceptable.
 */
export async function targetProblem(
  url: string,
  o: { allowPrivate: boolean; lookup?: LookupAll },
): Promise<TargetProblem | null> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'invalid';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'invalid';
  if (o.allowPrivate) return null;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return isPrivateAddress(host) ? 'private' : null;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'private';
  let addresses: { address: string }[];
  try {
    addresses = await (o.lookup ?? lookupAll)(host);
  } catch {
    return 'unresolvable';
  }
  if (addresses.length === 0) return 'unresolvable';
  return addresses.some((a) => isPrivateAddress(a.address)) ? 'private' : null;
}

/**
 * A `lookup` for sockets that resolves the name, refuses it if any of its addresses is private,
 * and hands the checked addresses to the connection.
 */
export function guardedLookup(): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const bad = addresses.find((a) => isPrivateAddress(a.address));
      if (bad) return callback(new PrivateTargetError(hostname, bad.address), '', 0);
      if (options.all)
        return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      const first = addresses.find((a) => !options.family || a.family === options.family) ?? addresses[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

export type PostResult = { status: number; body: string };

/**
 * POSTs a body to a webhook target without following redirects; unless private targets are
 * allowed, refuses a private IP literal and connects only to checked addresses of a name.
 */
export function postToTarget(
  url: string,
  headers: Record<string, string>,
  body: string,
  o: { allowPrivate: boolean; timeoutMs: number },
): Promise<PostResult> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    if (!o.allowPrivate && net.isIP(host) && isPrivateAddress(host))
      return reject(new PrivateTargetError(host, host));
    const client = target.protocol === 'https:' ? https : http;
    const req = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: o.timeoutMs,
        ...(o.allowPrivate ? {} : { lookup: guardedLookup() }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          // Only the start of the answer is kept in the log.
          if (size < 4096) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`timeout after ${o.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}
