// Run by NpmPackageIT in an empty npm project that installed the packed im-history-stubs: compiled with tsc in strict
// mode, then run with Node's own test runner against `npx im-history-stubs --port 0` (STUB_URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  AdminClient,
  historyQuery,
  type AdminGetroammsgRequest,
  type AdminGetroammsgResponse,
  type ErrorResponse,
} from "im-history-stubs";

const base = process.env.STUB_URL;
const SDKAPPID = 1500000000;

test("pages a one-to-one conversation with the generated types and keeps every client rule", async () => {
  assert.ok(base, "STUB_URL names the stub");
  const admin = new AdminClient(base);
  const tenant = await admin.loadScenario(SDKAPPID, "c2c-doc-two-pages"); // a fresh tenant: empty journal
  assert.equal(tenant.requests, 0);
  const holds = await admin.tenantScenario(SDKAPPID);
  const conversation = holds.conversations[0];
  assert.ok(conversation, "the scenario holds a conversation");

  let request: AdminGetroammsgRequest = {
    From_Account: conversation.account,
    To_Account: conversation.peer,
    MaxCnt: 2,
    MinTime: conversation.firstTime,
    MaxTime: conversation.lastTime,
  };
  let received = 0;
  for (let page = 1; ; page++) {
    assert.ok(page <= 100, "the walk ends");
    const r = await fetch(`${base}/v4/openim/admin_getroammsg${historyQuery({ sdkappid: SDKAPPID })}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    const answer = (await r.json()) as AdminGetroammsgResponse | ErrorResponse;
    if (answer.ActionStatus === "FAIL") {
      assert.fail(`ErrorCode ${answer.ErrorCode}: ${answer.ErrorInfo}`);
    }
    received += answer.MsgList.length;
    assert.equal(answer.MsgCnt, answer.MsgList.length);
    if (answer.Complete === 1) break; // the walk ends at Complete 1
    request = { ...request, MaxTime: answer.LastMsgTime, LastMsgKey: answer.LastMsgKey };
  }
  assert.equal(received, conversation.messages);

  const verdict = await admin.verdict(SDKAPPID);
  assert.equal(verdict.passed, true, `failing: ${verdict.failing.join(", ")}`);
  assert.deepEqual(verdict.failing, []);
  assert.deepEqual(verdict.reported, []);
  assert.equal(verdict.walks.length, 1);
});
