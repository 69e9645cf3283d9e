// A small typed client of the stub's admin API, and a way to start the stub from a test (Jest, Vitest, Playwright,
// node:test). Its types are generated from the OpenAPI document (./generated, written by the build).
import { spawn, type ChildProcess } from "node:child_process";
import { randomInt } from "node:crypto";
import * as path from "node:path";
import type {
  Scenario,
  StubRemoved,
  StubRequests,
  StubReset,
  StubScenarioHolds,
  StubScenarios,
  StubTenant,
  StubTenants,
  StubVerdict,
} from "./generated/names";

/** An admin request the stub refused or failed: the HTTP status and the stub's reason. */
export class StubAdminError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = "StubAdminError";
  }
}

export interface VerdictOptions {
  /** Whether every walk must reach the end of history (the stub's default: true). */
  wholeHistory?: boolean;
  /** Whether SHOULD-level findings fail too (the stub's default: false). */
  strict?: boolean;
}

/** The stub's admin API under /__imhistory: load, reset, read requests and verdicts. */
export class AdminClient {
  readonly baseUrl: string;

  /** @param baseUrl where the stub listens, e.g. http://127.0.0.1:8080 */
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** The bundled scenarios (id, title, rules). */
  scenarios(): Promise<StubScenarios> {
    return this.call("GET", "/scenarios");
  }

  /** What a bundled scenario holds, with a ready request per API. */
  scenario(id: string): Promise<StubScenarioHolds> {
    return this.call("GET", `/scenarios/${encodeURIComponent(id)}`);
  }

  tenants(): Promise<StubTenants> {
    return this.call("GET", "/tenants");
  }

  tenant(sdkappid: number): Promise<StubTenant> {
    return this.call("GET", `/tenants/${sdkappid}`);
  }

  /** What the tenant's scenario holds, with a ready request per API. */
  tenantScenario(sdkappid: number): Promise<StubScenarioHolds> {
    return this.call("GET", `/tenants/${sdkappid}/scenario`);
  }

  /** Loads a bundled scenario into a fresh tenant (replacing what it held; its journal starts empty). */
  loadScenario(sdkappid: number, scenarioId: string): Promise<StubTenant> {
    return this.call("POST", `/tenants/${sdkappid}/scenario/${encodeURIComponent(scenarioId)}`);
  }

  /** Loads your own scenario (validated; an invalid one is a StubAdminError naming the JSON pointer). */
  loadOwnScenario(scenario: Scenario, sdkappid?: number): Promise<StubTenant> {
    return this.call("POST", sdkappid === undefined ? "/tenants" : `/tenants/${sdkappid}`, JSON.stringify(scenario));
  }

  /** Reloads a tenant from its scenario: data, counters and journal start afresh. */
  reset(sdkappid: number): Promise<StubTenant> {
    return this.call("POST", `/tenants/${sdkappid}/reset`);
  }

  resetAll(): Promise<StubReset> {
    return this.call("POST", "/reset");
  }

  remove(sdkappid: number): Promise<StubRemoved> {
    return this.call("DELETE", `/tenants/${sdkappid}`);
  }

  /** The tenant's recent requests and what they were answered. */
  requests(sdkappid: number, options: { limit?: number } = {}): Promise<StubRequests> {
    return this.call("GET", `/tenants/${sdkappid}/requests${options.limit === undefined ? "" : `?limit=${options.limit}`}`);
  }

  /** Which client rules the tenant's traffic broke; passed is false on any MUST-level finding. */
  verdict(sdkappid: number, options: VerdictOptions = {}): Promise<StubVerdict> {
    return this.call("GET", `/tenants/${sdkappid}/verdict${verdictQuery(options, "json")}`);
  }

  /** The same verdict for people: PASSED/FAILED, each broken rule with its findings and curls. */
  async verdictText(sdkappid: number, options: VerdictOptions = {}): Promise<string> {
    const r = await fetch(`${this.baseUrl}/__imhistory/tenants/${sdkappid}/verdict${verdictQuery(options, "text")}`);
    const text = await r.text();
    if (!r.ok) throw new StubAdminError(r.status, text);
    return text;
  }

  private async call<T>(method: string, path: string, body?: string): Promise<T> {
    const r = await fetch(`${this.baseUrl}/__imhistory${path}`, {
      method,
      body,
      headers: body === undefined ? undefined : { "Content-Type": "application/json" },
    });
    const text = await r.text();
    if (!r.ok) {
      let reason = text;
      try {
        reason = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // a plain-text refusal (the Host check)
      }
      throw new StubAdminError(r.status, `${method} /__imhistory${path}: HTTP ${r.status}: ${reason}`);
    }
    return JSON.parse(text) as T;
  }
}

function verdictQuery(options: VerdictOptions, format: "json" | "text"): string {
  const q = new URLSearchParams();
  if (options.wholeHistory !== undefined) q.set("wholeHistory", String(options.wholeHistory));
  if (options.strict !== undefined) q.set("strict", String(options.strict));
  if (format === "text") q.set("format", "text");
  const s = q.toString();
  return s ? `?${s}` : "";
}

/** A fresh unsigned 32-bit random, for the random query parameter of every request (COM-QRY-007). */
export function freshRandom(): number {
  return randomInt(0, 2 ** 32);
}

export interface HistoryQuery {
  sdkappid: number;
  /** An App admin of the tenant (default "admin"). */
  identifier?: string;
  /** Any text unless the stub checks UserSigs (--verify-usersig). */
  usersig?: string;
}

/** The query string of a history request, with a fresh random: `?sdkappid=...&random=...&contenttype=json`. */
export function historyQuery(q: HistoryQuery): string {
  return `?${new URLSearchParams({
    sdkappid: String(q.sdkappid),
    identifier: q.identifier ?? "admin",
    usersig: q.usersig ?? "any",
    random: String(freshRandom()),
    contenttype: "json",
  })}`;
}

export interface StartOptions {
  /** The port (default 0: a free one). */
  port?: number;
  /** More flags of the standalone, e.g. ["--verify-usersig"] or ["--scenarios", "./scenarios"]. */
  args?: string[];
  /** How long to wait for the stub to listen (default 60 s). */
  timeoutMs?: number;
}

export interface StartedStub {
  /** Where it listens, e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  admin: AdminClient;
  process: ChildProcess;
  /** Stops the stub and waits until it has exited. */
  stop(): Promise<void>;
}

/** Starts the bundled stub (as `npx im-history-stubs --port 0` would) and resolves once it listens. */
export function startStub(options: StartOptions = {}): Promise<StartedStub> {
  const bin = path.join(__dirname, "..", "bin", "im-history-stubs.js");
  const child = spawn(process.execPath, [bin, "--port", String(options.port ?? 0), ...(options.args ?? [])], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise<StartedStub>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`the stub did not start within ${options.timeoutMs ?? 60000} ms:\n${output}`));
    }, options.timeoutMs ?? 60000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const m = /listening on (http:\/\/\S+)/.exec(output);
      if (m && output.includes("Stop: Ctrl+C")) {
        clearTimeout(timer);
        child.stdout?.off("data", onData);
        child.stdout?.resume(); // keep draining, so the stub never blocks on a full pipe
        const baseUrl = m[1];
        resolve({
          baseUrl,
          admin: new AdminClient(baseUrl),
          process: child,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once("exit", () => done());
              child.kill("SIGTERM");
            }),
        });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the stub exited with ${code} before listening:\n${output}`));
    });
  });
}
