package io.github.imhistory.kit.assertj;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.check.ContinuationChecks;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.check.RequestChecks;
import io.github.imhistory.contract.check.ServerAnswer;
import io.github.imhistory.contract.check.ServerChecks;
import io.github.imhistory.contract.traffic.Page;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on one {@link Page} of a walk: its answer, its keys, and how its request continues the page before.
 * Assertions that name a rule ask that rule's home in {@code contract.check}, so a test reaches the verdict the
 * suites and the stub's verdicts reach; the others state the test's own expectation. Failure messages name the page
 * and request, the MsgKey or MsgSeq concerned and the rule, and end with a curl that sends the request again.
 * Self-typed, so that subclasses keep chaining.
 */
public abstract class AbstractPageAssert<SELF extends AbstractPageAssert<SELF>> extends AbstractAssert<SELF, Page> {
    protected AbstractPageAssert(Page actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /** HTTP 200 with ErrorCode 0. */
    public SELF isSuccess() {
        isNotNull();
        if (!actual.request().succeeded()) {
            fail("expected a successful answer but got " + actual.request().failureText() + ": "
                    + brief(actual.request().answer()));
        }
        return myself;
    }

    /** The answer's ErrorCode is {@code code}. */
    public SELF hasErrorCode(int code) {
        isNotNull();
        if (actual.request().errorCode() != code) {
            fail("expected ErrorCode " + code + " but got " + actual.request().failureText());
        }
        return myself;
    }

    /** The page's keys ({@link ApiProfile#key}: MsgKey or MsgSeq) in answer order, compared as text. */
    public SELF hasKeys(Object... keys) {
        isNotNull();
        List<String> expected = Arrays.stream(keys).map(String::valueOf).toList();
        if (!actual.keys().equals(expected)) {
            fail("expected " + actual.keyName() + "s " + expected + " but the page holds " + actual.keys());
        }
        return myself;
    }

    /** No key twice within the page. */
    public SELF hasNoDuplicateKeys() {
        isNotNull();
        Map<String, Integer> seen = new HashMap<>();
        List<String> keys = actual.keys();
        for (int i = 0; i < keys.size(); i++) {
            Integer first = seen.putIfAbsent(keys.get(i), i);
            if (first != null) {
                fail(actual.keyName() + " " + keys.get(i) + " appears at positions " + first + " and " + i);
            }
        }
        return myself;
    }

    /**
     * The entries are in the API's order (C2C and official accounts ascending, groups descending by MsgSeq): the
     * server's page-order rules, as their homes judge them.
     */
    public SELF isInAnswerOrder() {
        isNotNull();
        failOn(ServerChecks.order(new ServerAnswer(actual.api(), actual.request(), actual.toString(), List.of())));
        return myself;
    }

    /**
     * This page's request continues {@code previous} as the protocol says (the continuation rule of the API), and
     * {@code previous} did not end the history (the whole-history rule).
     */
    public SELF continuesFrom(Page previous) {
        isNotNull();
        ApiProfile p = actual.api().profile();
        Findings f = new Findings();
        Optional<ObjectNode> next = p.next(previous.body(), previous.answer());
        if (next.isEmpty()) {
            ContinuationChecks.wholeHistory(p, previous.request(), actual.request(), previous.number(), true, f);
        } else {
            ContinuationChecks.continues(p, previous.request(), next.get(), actual.request(), f);
        }
        failOn(f.all());
        return myself;
    }

    /** The history ends with this page: Complete=1, seq 1 or an empty list, IsFinished=2. */
    public SELF isLastPage() {
        isNotNull();
        Optional<ObjectNode> next = actual.api().profile().next(actual.body(), actual.answer());
        if (next.isPresent()) {
            fail("history goes on after this page; the next request is " + Json.compact(next.get()));
        }
        return myself;
    }

    /** History goes on after this page. */
    public SELF isNotLastPage() {
        isNotNull();
        if (actual.api().profile().next(actual.body(), actual.answer()).isEmpty()) {
            fail("expected more history after this page, but it ends here");
        }
        return myself;
    }

    /** The request's query and body keep the client's request rules (COM-QRY-001.., the API's request schema). */
    public SELF hasValidRequest() {
        isNotNull();
        Findings f = new Findings();
        RequestChecks.query(actual.request(), f);
        RequestChecks.body(actual.request(), f);
        failOn(f.all());
        return myself;
    }

    protected void failOn(List<Finding> findings) {
        if (!findings.isEmpty()) {
            failWithMessage("%s", Messages.of(actual, findings));
        }
    }

    protected void fail(String problem) {
        failWithMessage("%s", Messages.of(actual, problem));
    }

    private static String brief(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
