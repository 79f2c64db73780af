import "server-only";
import net from "node:net";
import { performance } from "node:perf_hooks";
import { parseHostPort, type MonitorConfig } from "../schemas";
import { byLatency, down, errorMessage, type CheckOutcome } from "./types";

/** Opens a TCP connection to host:port and closes it: up when the connection is accepted in time. */
export function checkTcp(target: string, timeoutMs: number, config: MonitorConfig): Promise<CheckOutcome> {
  const hp = parseHostPort(target);
  if (!hp) return Promise.resolve(down("invalid target"));
  const started = performance.now();
  return new Promise((resolve) => {
    const socket = net.connect({ host: hp.host, port: hp.port });
    const finish = (outcome: CheckOutcome) => {
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => finish(down("timed out")));
    socket.once("connect", () => finish(byLatency(Math.round(performance.now() - started), config.degradedMs)));
    socket.once("error", (err) => finish(down(errorMessage(err))));
  });
}
