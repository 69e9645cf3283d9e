// im-history-stubs: the generated types of the three Tencent Cloud IM history APIs and of the stub's admin API, a
// typed admin client and startStub(). ./generated is written by the build (scripts/build.mjs) from the OpenAPI
// document, which the Maven build derives from schemas/; nothing in it is written by hand.
export * from "./generated/names";
export type { components, operations, paths } from "./generated/openapi";
export {
  AdminClient,
  StubAdminError,
  freshRandom,
  historyQuery,
  startStub,
  type HistoryQuery,
  type StartOptions,
  type StartedStub,
  type VerdictOptions,
} from "./client";
