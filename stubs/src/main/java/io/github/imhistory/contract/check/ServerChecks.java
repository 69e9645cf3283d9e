package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Judges one answer of a server against the server rules, each in its home (envelope, error code, the API's page
 * rules, the content): on its own when there is no reference (a checking proxy), and against the reference answer
 * to the same request when there is one (the server suite's oracle, a scenario's expectation).
 */
public final class ServerChecks {
    private ServerChecks() {}

    /** The findings about {@code answer}; {@code reference} may be null, {@code lookup} {@link Lookup#NONE}. */
    public static List<Finding> judge(ServerAnswer answer, Reference reference, Lookup lookup) {
        Findings f = new Findings();
        judge(answer, reference, lookup, f);
        return f.all();
    }

    /**
     * The server rules whose homes judge a success answer of {@code api} (the envelope, the API's page checks, the
     * elements, the content), read from their {@link Verifies} declarations: what walking a history checks, in
     * catalogue order.
     */
    public static Set<RuleId> successRules(Api api) {
        Set<RuleId> out = EnumSet.noneOf(RuleId.class);
        Class<?> page = api.profile() instanceof C2cProfile ? C2cPageChecks.class : SeqPageChecks.class;
        for (Class<?> family : List.of(EnvelopeChecks.class, page, ElementChecks.class, ContentChecks.class)) {
            for (Method m : family.getDeclaredMethods()) {
                Verifies v = m.getAnnotation(Verifies.class);
                if (v == null || v.side() != Side.SERVER
                        || (v.apis().length > 0 && !Arrays.asList(v.apis()).contains(api))) {
                    continue;
                }
                for (RuleId r : RuleId.values()) {
                    if (Findings.declares(v, r) && Declared.appliesTo(r, api)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    /**
     * The rules of {@link #successRules} that only some answers give an occasion to be checked, so that a walk of
     * histories without one leaves them unchecked rather than passed: the API's ({@link ApiProfile#occasional()}),
     * ELEM-002 (a message with elements) and ELEM-004 (text that is not plain ASCII).
     */
    public static Set<RuleId> occasional(Api api) {
        Set<RuleId> out = EnumSet.noneOf(RuleId.class);
        out.addAll(api.profile().occasional());
        out.add(RuleId.ELEM_002);
        out.add(RuleId.ELEM_004);
        out.retainAll(successRules(api));
        return out;
    }

    /** The rules of {@link #occasional} that a success {@code answer} to {@code request} gives an occasion. */
    public static Set<RuleId> occasions(Api api, JsonNode request, JsonNode answer) {
        ApiProfile p = api.profile();
        Set<RuleId> out = EnumSet.noneOf(RuleId.class);
        out.addAll(p.occasions(request, answer));
        for (JsonNode e : p.entries(answer)) {
            if (!e.path("MsgBody").isEmpty()) {
                out.add(RuleId.ELEM_002);
            }
            if (ElementChecks.unusualText(e.path("MsgBody"))) {
                out.add(RuleId.ELEM_004);
            }
        }
        return out;
    }

    /** Only the order of the page's entries, as the order rules' homes judge it (a success answer). */
    public static List<Finding> order(ServerAnswer a) {
        Findings f = new Findings();
        if (a.answer() != null) {
            if (a.profile() instanceof C2cProfile) {
                C2cPageChecks.order(a, f);
            } else {
                SeqPageChecks.order(a, f);
            }
        }
        return f.all();
    }

    public static void judge(ServerAnswer a, Reference reference, Lookup lookup, Findings f) {
        int due = reference == null ? 0 : Math.max(0, reference.errorCode());
        if (!EnvelopeChecks.http(a, reference, f)) {
            if (due != 0 && a.exchange().fault() == null && !reference.isFault()) {
                ErrorCodeChecks.dueCode(a, due, f); // an HTTP error page where a code was due misses it too
            }
            return;
        }
        if (!EnvelopeChecks.envelope(a, f)) {
            return;
        }
        if (due != 0) {
            ErrorCodeChecks.dueCode(a, due, f);
            return;
        }
        JsonNode code = a.answer().path("ErrorCode");
        if (!code.isIntegralNumber() || code.asInt() != 0) {
            if (reference != null) {
                ContentChecks.content(a, reference, lookup, f); // a valid request refused
            }
            return;
        }
        if (a.profile() instanceof C2cProfile) {
            C2cPageChecks.judge(a, reference, lookup, f);
        } else {
            SeqPageChecks.judge(a, reference, lookup, f);
        }
    }
}
