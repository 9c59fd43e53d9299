/**
 * TRUST_PROXY as Express's `trust proxy` setting takes it: `true`/`false`, a number of hops, or
 * the addresses and subnets of the proxies (Express's own names `loopback`, `uniquelocal`... too).
 */
export function trustProxyOf(setting: string): boolean | number | string {
  if (setting === 'true') return true;
  if (setting === 'false') return false;
  if (/^\d+$/.test(setting)) return Number(setting);
  return setting;
}
