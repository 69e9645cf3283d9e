#!/usr/bin/env python3
"""A small im-history client in Python (standard library only), for the stub's per-tenant verdicts.

Pulls one whole history from a server of the three history APIs, following each API's continuation protocol,
and prints how many entries it got. Then ask the stub which client rules that traffic broke:

    curl -sS 'http://127.0.0.1:8080/__imhistory/tenants/1500000000/verdict?format=text'

--break makes it misbehave on purpose, to see the verdict fail with the rule it breaks.
"""
import argparse
import base64
import hashlib
import hmac
import json
import secrets
import sys
import time
import urllib.request
import zlib

PATHS = {
    "c2c": "/v4/openim/admin_getroammsg",
    "group": "/v4/group_open_http_svc/group_msg_get_simple",
    "oa": "/v4/official_account_open_http_svc/official_account_msg_get_simple",
}
# The demo key of tls-sig-api-v2-python, the stub's default secret key (schemas/scenario.schema.json).
DEMO_KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e"


def usersig(sdkappid, identifier, key, expire=86400):
    """TLSSigAPIv2 without userbuf: HMAC-SHA256 over the TLS.* lines, zlib, base64 with * - _ for + / =."""
    now = int(time.time())
    content = f"TLS.identifier:{identifier}\nTLS.sdkappid:{sdkappid}\nTLS.time:{now}\nTLS.expire:{expire}\n"
    sig = base64.b64encode(hmac.new(key.encode(), content.encode(), hashlib.sha256).digest()).decode()
    doc = {"TLS.ver": "2.0", "TLS.identifier": identifier, "TLS.sdkappid": sdkappid, "TLS.expire": expire,
           "TLS.time": now, "TLS.sig": sig}
    packed = base64.b64encode(zlib.compress(json.dumps(doc, separators=(",", ":")).encode())).decode()
    return packed.translate(str.maketrans("+/=", "*-_"))


class Client:
    def __init__(self, base, sdkappid, admin, key, broken, page_size=20):
        self.base, self.sdkappid, self.admin, self.key, self.broken = base, sdkappid, admin, key, broken
        self.random = secrets.randbelow(2**32)
        self.page_size = page_size

    def post(self, api, body):
        # COM-QRY-007: a fresh random per request (unless told to break it)
        random = self.random if self.broken == "same-random" else secrets.randbelow(2**32)
        query = (f"sdkappid={self.sdkappid}&identifier={self.admin}"
                 f"&usersig={usersig(self.sdkappid, self.admin, self.key)}&random={random}&contenttype=json")
        request = urllib.request.Request(self.base + PATHS[api] + "?" + query, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as r:
            answer = json.load(r)
        if answer.get("ErrorCode") != 0:
            raise SystemExit(f"{api}: ErrorCode {answer.get('ErrorCode')}: {answer.get('ErrorInfo')}")
        return answer

    def c2c(self, operator, peer, min_time, max_time):
        body = {"Operator_Account": operator, "Peer_Account": peer, "MaxCnt": 100, "MinTime": min_time,
                "MaxTime": max_time}
        got = []
        while True:
            answer = self.post("c2c", body)
            got += answer.get("MsgList", [])
            if answer["Complete"] == 1 or self.broken == "one-page":
                return got
            body = dict(body, MaxTime=answer["LastMsgTime"])  # C2C-CONT-001: MaxTime := LastMsgTime ...
            if self.broken != "no-lastmsgkey":
                body["LastMsgKey"] = answer["LastMsgKey"]  # ... with LastMsgKey

    def group(self, group_id):
        body = {"GroupId": group_id, "ReqMsgNumber": self.page_size}
        got = []
        while True:
            answer = self.post("group", body)
            page = answer.get("RspMsgList", [])
            got += page
            if not page or self.broken == "one-page":
                return got
            smallest = min(m["MsgSeq"] for m in page)
            if smallest <= 1:  # GRP-CONT-002: seq 1 reached, the whole history is in
                return got
            # GRP-CONT-001: ReqMsgSeq := smallest returned - 1
            body = dict(body, ReqMsgSeq=smallest if self.broken == "seq-off-by-one" else smallest - 1)

    def official_account(self, account):
        body = {"Official_Account": account, "ReqMsgNumber": self.page_size}
        got = []
        while True:
            answer = self.post("oa", body)
            page = answer.get("RspMsgList", [])
            got += page
            # OA-CONT-002: seq 1 reached, or IsFinished 2 (nothing older)
            if not page or min(m["MsgSeq"] for m in page) <= 1 or answer.get("IsFinished") == 2 \
                    or self.broken == "one-page":
                return got
            body = dict(body, LastMsgKey=answer["LastMsgKey"])  # OA-CONT-001


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--base", default="http://127.0.0.1:8080")
    p.add_argument("--sdkappid", type=int, required=True)
    p.add_argument("--admin", default="admin")
    p.add_argument("--key", default=DEMO_KEY)
    p.add_argument("--page-size", type=int, default=20, help="ReqMsgNumber for group and official-account pages")
    p.add_argument("--break", dest="broken", choices=["no-lastmsgkey", "one-page", "same-random", "seq-off-by-one"])
    sub = p.add_subparsers(dest="api", required=True)
    c = sub.add_parser("c2c")
    c.add_argument("operator"), c.add_argument("peer")
    c.add_argument("min_time", type=int), c.add_argument("max_time", type=int)
    sub.add_parser("group").add_argument("group_id")
    sub.add_parser("oa").add_argument("account")
    a = p.parse_args()
    client = Client(a.base, a.sdkappid, a.admin, a.key, a.broken, a.page_size)
    if a.api == "c2c":
        got = client.c2c(a.operator, a.peer, a.min_time, a.max_time)
    elif a.api == "group":
        got = client.group(a.group_id)
    else:
        got = client.official_account(a.account)
    print(f"{len(got)} entries")


if __name__ == "__main__":
    sys.exit(main())
