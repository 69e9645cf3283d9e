package io.github.imhistory.kit.assertj;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ContractSchemas;
import io.github.imhistory.contract.Continuations;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.Violation;
import io.github.imhistory.contract.traffic.Page;
import io.github.imhistory.contract.traffic.TrafficJudge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link Page} of a walk: its answer, its keys, and how its request continues the page before.
 * Failure messages name the page and request, the MsgKey or MsgSeq concerned and the rule, and end with a curl
 * that sends the request again. Self-typed, so that subclasses keep chaining.
 */
public abstract class AbstractPageAssert<SELF extends AbstractPageAssert<SELF>> extends AbstractAssert<SELF, Page> {
    protected AbstractPageAssert(Page actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** HTTP 200 with ErrorCode 0 (COM-ENV-003: anything else is a failure to surface). */
    public SELF isSuccess() {
        isNotNull();
        if (!actual.request().succeeded()) {
            fail("COM-ENV-003", "expected a successful answer but got " + actual.request().failureText() + ": "
                    + brief(actual.request().answer()));
        }
        return myself;
    }

    /** The answer's ErrorCode is {@code code}. */
    public SELF hasErrorCode(int code) {
        isNotNull();
        if (actual.request().errorCode() != code) {
            fail("COM-ENV-003", "expected ErrorCode " + code + " but got " + actual.request().failureText());
        }
        return myself;
    }

    /** The page's MsgKeys (C2C) or MsgSeqs, in answer order, compared as text. */
    public SELF hasKeys(Object... keys) {
        isNotNull();
        List<String> expected = Arrays.stream(keys).map(String::valueOf).toList();
        List<String> got = texts(actual.keys());
        if (!got.equals(expected)) {
            fail(TrafficJudge.wholeHistoryRule(actual.api()), "expected " + actual.keyName() + "s " + expected
                    + " but the page holds " + got);
        }
        return myself;
    }

    /** No key twice within the page. */
    public SELF hasNoDuplicateKeys() {
        isNotNull();
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = texts(actual.keys());
        for (int i = 0; i < keys.size(); i++) {
            Integer first = seen.putIfAbsent(keys.get(i), i);
            if (first != null) {
                fail(pageRule(actual.api()), actual.keyName() + " " + keys.get(i) + " appears at positions " + first
                        + " and " + i);
            }
        }
        return myself;
    }

    /** The entries are in the API's order: C2C and official accounts ascending, groups descending by MsgSeq. */
    public SELF isInAnswerOrder() {
        isNotNull();
        JsonNode entries = actual.entries();
        for (int i = 1; i < entries.size(); i++) {
            int c = compare(actual.api(), entries.get(i - 1), entries.get(i));
            boolean ok = actual.api() == Api.GROUP_MSG_GET_SIMPLE ? c > 0 : c < 0;
            if (!ok) {
                fail(orderRule(actual.api()), actual.keyName() + " " + Continuations.keyOf(actual.api(), entries.get(i))
                        + " at position " + i + " comes after " + Continuations.keyOf(actual.api(), entries.get(i - 1))
                        + (actual.api() == Api.GROUP_MSG_GET_SIMPLE ? "; group pages are newest first" : "; pages are oldest first"));
            }
        }
        return myself;
    }

    /**
     * This page's request continues {@code previous} as the protocol says (C2C-CONT-001: MaxTime := LastMsgTime and
     * LastMsgKey sent; GRP-CONT-001: ReqMsgSeq := smallest - 1; OA-CONT-001: LastMsgKey passed back), and
     * {@code previous} did not end the history (C2C-CONT-002, GRP-CONT-002, OA-CONT-002).
     */
    public SELF continuesFrom(Page previous) {
        isNotNull();
        Optional<ObjectNode> next = Continuations.next(actual.api(), previous.body(), previous.answer());
        if (next.isEmpty()) {
            fail(TrafficJudge.wholeHistoryRule(actual.api()), "continues " + previous + ", which ended the history");
        }
        for (TrafficJudge.Difference d : TrafficJudge.continuationDifferences(actual.api(), next.get(), actual.body())) {
            fail(d.ruleId(), "as the continuation of " + previous + " it " + d.text() + "; expected body "
                    + Json.compact(next.get()));
        }
        return myself;
    }

    /** The history ends with this page: Complete=1, seq 1 or an empty list, IsFinished=2. */
    public SELF isLastPage() {
        isNotNull();
        Optional<ObjectNode> next = Continuations.next(actual.api(), actual.body(), actual.answer());
        if (next.isPresent()) {
            fail(TrafficJudge.wholeHistoryRule(actual.api()), "history goes on after this page; the next request is "
                    + Json.compact(next.get()));
        }
        return myself;
    }

    /** History goes on after this page. */
    public SELF isNotLastPage() {
        isNotNull();
        if (Continuations.next(actual.api(), actual.body(), actual.answer()).isEmpty()) {
            fail(TrafficJudge.wholeHistoryRule(actual.api()), "expected more history after this page, but it ends here");
        }
        return myself;
    }

    /** The request matches query-params.schema.json (COM-QRY-001) and the API's request schema (…-REQ-001). */
    public SELF hasValidRequest() {
        isNotNull();
        ObjectNode query = Json.object();
        actual.request().query().forEach(query::put);
        List<Violation> q = ContractSchemas.shared().validate(ContractSchemas.SchemaFile.QUERY_PARAMS, query);
        if (!q.isEmpty()) {
            fail("COM-QRY-001", "the query does not match query-params.schema.json: " + q);
        }
        List<Violation> b = ContractSchemas.shared().validate(actual.api().command() + ".request.schema.json", actual.body());
        if (!b.isEmpty()) {
            fail(TrafficJudge.requestRule(actual.api()), "the body does not match " + actual.api().command()
                    + ".request.schema.json: " + b);
        }
        return myself;
    }

    protected void fail(String ruleId, String problem) {
        failWithMessage("%s", Messages.of(actual, ruleId, problem));
    }

    static List<String> texts(List<JsonNode> keys) {
        List<String> out = new ArrayList<>();
        keys.forEach(k -> out.add(k.asText()));
        return out;
    }

    static String pageRule(Api api) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> "C2C-PAGE-008";
            case GROUP_MSG_GET_SIMPLE -> "GRP-PAGE-004";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-PAGE-002";
        };
    }

    private static String orderRule(Api api) {
        return switch (api) {
            case ADMIN_GETROAMMSG -> "C2C-ORDER-003";
            case GROUP_MSG_GET_SIMPLE -> "GRP-ORDER-002";
            case OFFICIAL_ACCOUNT_MSG_GET_SIMPLE -> "OA-ORDER-001";
        };
    }

    /** C2C by (MsgTimeStamp, MsgSeq, MsgRandom), the others by MsgSeq. */
    private static int compare(Api api, JsonNode a, JsonNode b) {
        int c = Long.compare(a.path(api == Api.ADMIN_GETROAMMSG ? "MsgTimeStamp" : "MsgSeq").asLong(),
                b.path(api == Api.ADMIN_GETROAMMSG ? "MsgTimeStamp" : "MsgSeq").asLong());
        if (c != 0 || api != Api.ADMIN_GETROAMMSG) {
            return c;
        }
        c = Long.compare(a.path("MsgSeq").asLong(), b.path("MsgSeq").asLong());
        return c != 0 ? c : Long.compare(a.path("MsgRandom").asLong(), b.path("MsgRandom").asLong());
    }

    private static String brief(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
