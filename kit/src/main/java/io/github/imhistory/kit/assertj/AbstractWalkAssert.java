package io.github.imhistory.kit.assertj;

import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.check.ContinuationChecks;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.traffic.Page;
import io.github.imhistory.contract.traffic.TrafficJudge;
import io.github.imhistory.contract.traffic.Verdict;
import io.github.imhistory.contract.traffic.Walk;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a {@link Walk}: its pages as a whole (no key twice, the continuation protocol, the end of history)
 * and the client rules its traffic keeps. Failure messages name the page and request, the MsgKey or MsgSeq and the
 * rule, with a curl that sends the offending request again. Self-typed, so that subclasses keep chaining.
 */
public abstract class AbstractWalkAssert<SELF extends AbstractWalkAssert<SELF>> extends AbstractAssert<SELF, Walk> {
    protected AbstractWalkAssert(Walk actual, Class<?> selfType) {
        super(actual, selfType);
    }

    public SELF hasPages(int count) {
        isNotNull();
        List<Page> pages = actual.pages();
        if (pages.size() != count) {
            failWithMessage("%s", actual + ": expected " + count + " pages but the walk has " + pages.size()
                    + ", keys per page " + pages.stream().map(p -> p.keys().toString())
                    .collect(Collectors.joining(" ")));
        }
        return myself;
    }

    /** Every key of every page in pull order, compared as text. */
    public SELF hasKeys(Object... keys) {
        isNotNull();
        List<String> expected = Arrays.stream(keys).map(String::valueOf).toList();
        List<String> got = actual.keys();
        if (!got.equals(expected)) {
            failWithMessage("%s", actual + ": expected keys " + expected + " but the pages hold " + got);
        }
        return myself;
    }

    /**
     * No MsgKey (C2C) or MsgSeq on two pages, e.g. "page 3 repeats MsgKey X first seen on page 2". Which rule a repeat
     * breaks depends on who caused it (a continuation built wrong, or a page that ignored its cursor):
     * {@link #followsTheContinuationProtocol()} and the server suite say which.
     */
    public SELF hasNoDuplicateKeys() {
        isNotNull();
        Map<String, Integer> firstPage = new HashMap<>();
        for (Page page : actual.pages()) {
            for (String key : page.keys()) {
                Integer first = firstPage.putIfAbsent(key, page.number());
                if (first != null) {
                    new PageAssert(page).fail("repeats " + page.keyName() + " " + key + " first seen on page " + first);
                }
            }
        }
        return myself;
    }

    /** Each page after the first continues the page before it (C2C-CONT-001, GRP-CONT-001, OA-CONT-001). */
    public SELF followsTheContinuationProtocol() {
        isNotNull();
        List<Page> pages = actual.pages();
        for (int i = 1; i < pages.size(); i++) {
            new PageAssert(pages.get(i)).continuesFrom(pages.get(i - 1));
        }
        return myself;
    }

    /** The walk did not end in a failure, and its last page ends the history (the API's whole-history rule). */
    public SELF reachesTheEnd() {
        isNotNull();
        List<Page> pages = actual.pages();
        if (!actual.last().succeeded()) {
            failWithMessage("%s", actual + ": ends with request #" + actual.last().sequence() + ", which got "
                    + actual.last().failureText() + "\n  " + actual.last().curl(actual.baseUrl()));
        }
        Page last = pages.get(pages.size() - 1);
        Findings f = new Findings();
        ContinuationChecks.wholeHistory(actual.api().profile(), last.request(), null, pages.size(), true, f);
        new PageAssert(last).failOn(f.all());
        return myself;
    }

    /**
     * The walk's requests keep every client rule {@link TrafficJudge} checks, for a tenant with these facts; the
     * message lists each finding with its rule and a curl.
     */
    public SELF keepsTheClientRules(TrafficJudge.TenantFacts tenant) {
        isNotNull();
        Verdict verdict = TrafficJudge.of(tenant, TrafficJudge.Options.defaults().withBaseUrl(actual.baseUrl()))
                .judge(actual.requests());
        if (!verdict.passed()) {
            failWithMessage("%s", actual + " breaks " + verdict.broken() + ":\n" + verdict.describe(actual.baseUrl()));
        }
        return myself;
    }

    /** No finding of this one rule (e.g. {@code RuleId.C2C_CONT_001}). */
    public SELF keepsRule(TrafficJudge.TenantFacts tenant, RuleId rule) {
        isNotNull();
        List<Finding> findings = TrafficJudge.of(tenant, TrafficJudge.Options.defaults().withBaseUrl(actual.baseUrl()))
                .judge(actual.requests()).findings(rule.id());
        if (!findings.isEmpty()) {
            failWithMessage("%s", actual + " breaks " + rule.rule().displayName() + ":\n  - "
                    + findings.stream().map(f -> f.describe(actual.baseUrl())).collect(Collectors.joining("\n  - ")));
        }
        return myself;
    }

    /** Assertions on page {@code number} (1-based). */
    public PageAssert page(int number) {
        isNotNull();
        List<Page> pages = actual.pages();
        if (number < 1 || number > pages.size()) {
            failWithMessage("%s", actual + " has " + pages.size() + " pages, no page " + number);
        }
        return new PageAssert(pages.get(number - 1));
    }
}
