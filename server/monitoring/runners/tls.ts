import "server-only";
import tls from "node:tls";
import { performance } from "node:perf_hooks";
import { DEFAULT_TLS_WARN_DAYS, parseHostPort, type MonitorConfig } from "../schemas";
import { down, errorMessage, type CheckOutcome } from "./types";

const DAY_MS = 86_400_000;

export interface CertFacts {
  validFrom: number;
  validTo: number;
  /** The chain and host name verified against the trusted CAs. */
  authorized: boolean;
  authorizationError: string | null;
}

/**
 * Pure rule: expired or not yet valid is down, untrusted is down, expiring within `warnDays` is degraded.
 * The dates are judged by our clock, so the arithmetic is testable without waiting for a certificate to age.
 */
export function classifyCertificate(cert: CertFacts, now: number, warnDays: number, latencyMs: number | null = null): CheckOutcome {
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  if (now >= cert.validTo) return down(`certificate expired on ${day(cert.validTo)}`, latencyMs);
  if (now < cert.validFrom) return down(`certificate not valid before ${day(cert.validFrom)}`, latencyMs);
  if (!cert.authorized) return down(`certificate not trusted: ${cert.authorizationError ?? "unknown"}`, latencyMs);
  const daysLeft = Math.floor((cert.validTo - now) / DAY_MS);
  if (cert.validTo - now < warnDays * DAY_MS) {
    return { result: "degraded", latencyMs, error: `certificate expires in ${daysLeft} days (${day(cert.validTo)})` };
  }
  return { result: "up", latencyMs, error: null };
}

const DATE_ERRORS = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

/**
 * Connects with TLS to host:port and reads the peer certificate. Verification is done by hand rather than
 * by refusing the handshake, so an expired certificate reports its date instead of a bare error.
 * `ca` replaces the system roots (tests trust their own certificate).
 */
export function checkTls(
  target: string,
  timeoutMs: number,
  config: MonitorConfig,
  now: number,
  opts: { ca?: string | Buffer } = {},
): Promise<CheckOutcome> {
  const hp = parseHostPort(target, 443);
  if (!hp) return Promise.resolve(down("invalid target"));
  const started = performance.now();
  const servername = /^[\d.]+$|:/.test(hp.host) ? undefined : hp.host;
  return new Promise((resolve) => {
    const socket = tls.connect({ host: hp.host, port: hp.port, servername, rejectUnauthorized: false, ca: opts.ca });
    const finish = (outcome: CheckOutcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => finish(down("timed out")));
    socket.once("error", (err) => finish(down(errorMessage(err))));
    socket.once("secureConnect", () => {
      const latencyMs = Math.round(performance.now() - started);
      const peer = socket.getPeerCertificate();
      if (!peer || !peer.valid_to) return finish(down("no certificate presented", latencyMs));
      const authErr = socket.authorizationError
        ? String((socket.authorizationError as { code?: string }).code ?? socket.authorizationError)
        : null;
      // Date problems are judged by classifyCertificate with our clock; anything else is a trust failure.
      const trusted = socket.authorized || (authErr !== null && DATE_ERRORS.has(authErr));
      let hostError: Error | undefined;
      if (trusted && servername) hostError = tls.checkServerIdentity(servername, peer);
      finish(
        classifyCertificate(
          {
            validFrom: Date.parse(peer.valid_from),
            validTo: Date.parse(peer.valid_to),
            authorized: trusted && !hostError,
            authorizationError: hostError ? errorMessage(hostError) : authErr,
          },
          now,
          config.tlsWarnDays ?? DEFAULT_TLS_WARN_DAYS,
          latencyMs,
        ),
      );
    });
  });
}
