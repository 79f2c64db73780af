import { getEnv } from "../env";

/**
 * The client's address. Next fills X-Forwarded-For with the socket address only when the header is
 * absent, and each reverse proxy appends the address it saw; so the trustworthy entry is the one
 * TRUSTED_PROXY_HOPS places from the right (1: one proxy such as nginx with $proxy_add_x_forwarded_for).
 */
export function clientIp(headers: Headers, hops = getEnv().TRUSTED_PROXY_HOPS): string {
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = chain.length ? chain[Math.max(0, chain.length - hops)] : headers.get("x-real-ip");
  return (ip ?? "unknown").slice(0, 64);
}
