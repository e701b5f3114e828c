/**
 * Which proxies Haven believes about the client's address. Behind Caddy or nginx every request
 * comes from the proxy, so without this the per-IP limit would count all users as one. Trusting
 * every sender would let anyone dodge the limit with a made-up X-Forwarded-For, so "true" is
 * not offered: name the proxies.
 */
import net from 'node:net';
import { z } from 'zod';

/** express's names for address ranges */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** false, or the list express's `trust proxy` takes. */
export type TrustProxy = false | string[];

function validEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = net.isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (family === 4 && net.isIPv4(prefix)) return true; // a netmask like 255.255.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxySetting = () =>
  z
    .string()
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean))
    .refine((list) => list.length > 0, 'must be false or a list like loopback, 10.0.0.0/8')
    .refine(
      (list) => (list.length === 1 && list[0] === 'false') || list.every(validEntry),
      'must be false or a comma-separated list of loopback, linklocal, uniquelocal, addresses and CIDR ranges like 10.0.0.0/8',
    )
    .transform((list): TrustProxy => (list.length === 1 && list[0] === 'false' ? false : list));
