package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.Json;
import io.github.imhistory.contract.RecordedRequest;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.check.Findings;
import io.github.imhistory.contract.check.RetryRateChecks;
import io.github.imhistory.contract.check.Verifies;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges what an adapter handed back against what the stub actually served its walk ({@link Served}, from the
 * tenant's journal): every served entry once, oldest first, every field as served, nothing that was not served;
 * failures surfaced, never handed back as history. How the client walked (continuations, the end of history,
 * retries, rate) is the traffic judge's; this judge never repeats it.
 *
 * <p>Each difference is reported once, under the rule that explains it: a dropped hole GRP-HOLE-002, a dropped recalled
 * message C2C-RECALL-003, a recall shown as a normal message C2C-RECALL-002, a MsgSeq or MsgRandom above 2^31 changed
 * C2C-MSG-002 or GRP-MSG-002, a MsgKey changed C2C-MSG-003, an element lost or changed ELEM-002 (ELEM-005 for an element
 * of a type the message format does not list), a string inside an element changed ELEM-004, a field only third-party
 * code models COM-RESULT-002; everything else a client hands back differently (entries missing, repeated, invented or
 * out of order, other fields, another history than asked for) COM-RESULT-001. An adapter that throws after answers
 * that were all successes is judged by what it threw on: the first answer holding an element type is ELEM-002 or
 * ELEM-005, an answer slower than its timeout COM-TIMEOUT-001, anything else COM-RESULT-001.
 */
final class ResultJudge {
    /** The element types of the message format (ELEM-002); others are unknown to clients (ELEM-005). */
    static final Set<String> KNOWN_ELEMENTS = Set.of("TIMTextElem", "TIMLocationElem", "TIMFaceElem", "TIMCustomElem",
            "TIMSoundElem", "TIMImageElem", "TIMFileElem", "TIMVideoFileElem", "TIMRelayElem");
    private static final long INT32_MAX = Integer.MAX_VALUE;
    private static final int MAX_LISTED = 8;

    private final Api api;
    private final ApiProfile profile;
    private final Findings findings = new Findings();

    private ResultJudge(Api api) {
        this.api = api;
        this.profile = api.profile();
    }

    /**
     * @param pull      what the adapter was asked to pull
     * @param newestKey the key of the history's newest entry ({@link Oracle.Facts}), which a whole-history walk is
     *                  served, if known
     * @param walk      the requests the adapter sent for it, in arrival order
     * @param outcome   what the adapter did
     */
    @Verifies(value = {RuleId.COM_RESULT_001, RuleId.COM_RESULT_002, RuleId.COM_ENV_003, RuleId.COM_ENV_004,
            RuleId.ELEM_002, RuleId.ELEM_004, RuleId.ELEM_005, RuleId.C2C_RECALL_002, RuleId.C2C_RECALL_003,
            RuleId.C2C_MSG_003, RuleId.GRP_HOLE_002}, roles = Role.UINT32, side = Side.CLIENT)
    static List<Finding> judge(Pull pull, java.util.Optional<String> newestKey, List<RecordedRequest> walk,
                               WalkRun.Outcome outcome) {
        ResultJudge j = new ResultJudge(pull.api());
        j.run(pull, newestKey, walk, outcome);
        return j.findings.all();
    }

    private void run(Pull pull, java.util.Optional<String> newestKey, List<RecordedRequest> walk,
                     WalkRun.Outcome outcome) {
        if (walk.isEmpty()) {
            String did = outcome.timedOut() ? "did not return within " + outcome.took().toSeconds() + " s"
                    : outcome.thrown() != null ? "threw " + what(outcome.thrown())
                    : "handed back " + outcome.entries().size() + " entries";
            add(RuleId.COM_RESULT_001, "the adapter " + did + " without sending a request for " + Pulls.describe(pull)
                    + "; a pull walks the history it names", null);
            return;
        }
        RecordedRequest first = walk.get(0);
        List<String> other = Pulls.differences(pull, first.bodyJson().orElse(null));
        if (!other.isEmpty()) {
            add(RuleId.COM_RESULT_001, "the walk's first request #" + first.sequence() + " asks for another history than"
                    + " the caller did (" + Pulls.describe(pull) + "): " + String.join("; ", other), first);
        }
        RecordedRequest last = walk.get(walk.size() - 1);
        if (outcome.timedOut()) {
            add(RuleId.COM_RESULT_001, "the adapter did not return within " + outcome.took().toSeconds() + " s ("
                    + walk.size() + " requests sent, the last #" + last.sequence() + " " + (last.succeeded()
                    ? "answered" : "failed: " + last.failureText()) + "); a pull hands back what it walked", last);
            return;
        }
        Served served = Served.of(profile, walk);
        if (outcome.thrown() != null) {
            judgeThrown(outcome.thrown(), walk, served, last);
            return;
        }
        if (judgeIgnoredFailures(walk, outcome)) {
            return;
        }
        if (other.isEmpty() && !served.answers().isEmpty()) {
            newestKey.filter(k -> !served.versions().containsKey(k)).ifPresent(k -> add(RuleId.COM_RESULT_001,
                    "the history's newest entry, " + keyName() + " " + k + ", was never served: the walk began below the"
                            + " newest message (first request #" + first.sequence() + ": " + first.body() + ")", first));
        }
        compare(served, outcome.entries());
        if (outcome.pages() != null && outcome.pages().size() != served.answers().size()) {
            add(RuleId.COM_RESULT_001, "paging through the adapter gave " + outcome.pages().size() + " pages for the "
                    + served.answers().size() + " pages the stub served; hand back each page as it was served", last);
        }
    }

    /** The adapter threw: a failure it surfaced, or one of its own after answers that were all successes. */
    private void judgeThrown(Throwable thrown, List<RecordedRequest> walk, Served served, RecordedRequest last) {
        if (!last.succeeded()) {
            int code = last.errorCode();
            if (code > 0 && !ImHistoryClientException.surfaces(thrown, code)) {
                add(RuleId.COM_ENV_004, "the adapter threw " + what(thrown) + " after request #" + last.sequence()
                        + " got ErrorCode " + code + ", but the exception does not carry the code (throw"
                        + " ImHistoryClientException or name the code in the message)", last);
            }
            return; // surfaced; whether it should have been retried is the traffic judge's call
        }
        int before = findings.all().size();
        RetryRateChecks.timeout(walk, "the adapter threw " + what(thrown), findings);
        if (findings.all().size() > before) {
            return;
        }
        Set<String> now = served.elementTypes(served.answers().subList(served.answers().size() - 1,
                served.answers().size()));
        now.removeAll(served.elementTypes(served.answers().subList(0, served.answers().size() - 1)));
        Set<String> unknown = new TreeSet<>(now);
        unknown.removeAll(KNOWN_ELEMENTS);
        if (!unknown.isEmpty()) {
            add(RuleId.ELEM_005, "the adapter threw " + what(thrown) + " on the first answer holding elements of type "
                    + unknown + " (request #" + last.sequence() + "); pass elements of unknown types through", last);
        } else if (!now.isEmpty()) {
            add(RuleId.ELEM_002, "the adapter threw " + what(thrown) + " on the first answer holding " + now
                    + " elements (request #" + last.sequence() + "); every element type of the message format reaches"
                    + " the caller", last);
        } else {
            add(RuleId.COM_RESULT_001, "the adapter threw " + what(thrown) + " although every answer it got was a"
                    + " success (last: request #" + last.sequence() + ", " + served.entries().size()
                    + " entries served)", last);
        }
    }

    /**
     * Failures the adapter neither retried nor surfaced, though it returned normally: an ErrorCode taken for an
     * answer (COM-ENV-003), an HTTP error or network failure handed back as history (COM-ENV-004).
     */
    private boolean judgeIgnoredFailures(List<RecordedRequest> walk, WalkRun.Outcome outcome) {
        List<RecordedRequest> codes = new ArrayList<>();
        List<RecordedRequest> http = new ArrayList<>();
        for (int i = 0; i < walk.size(); i++) {
            RecordedRequest r = walk.get(i);
            if (r.succeeded() || (i + 1 < walk.size() && RetryRateChecks.sameRequest(r, walk.get(i + 1)))) {
                continue;
            }
            (r.status() == 200 && r.errorCode() > 0 ? codes : http).add(r);
        }
        String returned = "the adapter returned " + outcome.entries().size() + " entries although ";
        if (!codes.isEmpty()) {
            RecordedRequest r = codes.get(0);
            add(RuleId.COM_ENV_003, returned + "request #" + r.sequence() + " got " + r.failureText() + ", which it"
                    + " neither retried nor surfaced" + (codes.size() > 1 ? " (" + codes.size() + " such requests)" : "")
                    + "; a non-zero ErrorCode means the request failed", r);
        }
        if (!http.isEmpty()) {
            RecordedRequest r = http.get(0);
            add(RuleId.COM_ENV_004, returned + "request #" + r.sequence() + " failed (" + r.failureText() + ") and was"
                    + " neither retried nor surfaced" + (http.size() > 1 ? " (" + http.size() + " such requests)" : "")
                    + "; a failure is surfaced, never handed back as an empty or partial history", r);
        }
        return !codes.isEmpty() || !http.isEmpty();
    }

    // ------------------------------------------------------------------ entries

    private void compare(Served served, List<JsonNode> actual) {
        List<String> actKeys = new ArrayList<>();
        actual.forEach(e -> actKeys.add(profile.key(e)));
        Map<String, List<Integer>> at = new LinkedHashMap<>();
        for (int i = 0; i < actKeys.size(); i++) {
            at.computeIfAbsent(actKeys.get(i), k -> new ArrayList<>()).add(i);
        }
        List<String> repeated = new ArrayList<>();
        at.forEach((k, positions) -> {
            if (positions.size() > served.times().getOrDefault(k, 1)) {
                repeated.add(keyName() + " " + k + " at positions " + positions);
            }
        });
        if (!repeated.isEmpty()) {
            add(RuleId.COM_RESULT_001, "the adapter handed back " + repeated.size() + " entries more often than they"
                    + " were served: " + list(repeated) + "; each entry comes once", null);
        }
        Map<ApiProfile.Marked, List<String>> droppedMarked = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> servedKeys = new ArrayList<>();
        for (JsonNode e : served.entries()) {
            String k = profile.key(e);
            servedKeys.add(k);
            if (at.containsKey(k)) {
                continue;
            }
            profile.marked(e).ifPresentOrElse(m -> droppedMarked.computeIfAbsent(m, x -> new ArrayList<>()).add(k),
                    () -> missing.add(k));
        }
        droppedMarked.forEach((m, keys) -> add(m.dropped(), "the adapter dropped " + keys.size() + " " + m.what()
                + " it was served, " + keyName() + " " + list(keys) + "; " + m.keep(), null));
        if (!missing.isEmpty()) {
            add(RuleId.COM_RESULT_001, "the adapter left out " + missing.size() + " of the " + served.entries().size()
                    + " entries it was served, " + keyName() + " " + list(missing), null);
        }
        List<String> unexpected = at.keySet().stream().filter(k -> !served.versions().containsKey(k)).toList();
        if (!unexpected.isEmpty()) {
            add(RuleId.COM_RESULT_001, "the adapter handed back " + unexpected.size() + " entries it was never served, "
                    + keyName() + " " + list(unexpected), null);
        }
        List<String> common = at.keySet().stream().filter(served.versions()::containsKey).toList();
        List<String> expected = servedKeys.stream().filter(at::containsKey).toList();
        for (int i = 0; i < common.size(); i++) {
            if (!common.get(i).equals(expected.get(i))) {
                add(RuleId.COM_RESULT_001, "entries are out of order: " + keyName() + " " + common.get(i) + " comes where "
                        + expected.get(i) + " belongs (position " + at.get(common.get(i)).get(0) + "); hand back the"
                        + " history oldest first", null);
                break;
            }
        }
        for (String k : common) {
            fields(served.versions().get(k), actual.get(at.get(k).get(0)), keyName() + " " + k);
        }
    }

    /** The entry must equal one version the stub served (the latest when none matches is what differences name). */
    private void fields(List<JsonNode> versions, JsonNode actual, String entry) {
        List<String[]> diffs = new ArrayList<>();
        for (JsonNode v : versions) {
            diffs.clear();
            diff(v, actual, "", diffs);
            if (diffs.isEmpty()) {
                return;
            }
        }
        JsonNode served = versions.get(versions.size() - 1);
        Map<RuleId, List<String>> byRule = new LinkedHashMap<>();
        for (String[] d : diffs) {
            byRule.computeIfAbsent(classify(d[0], served, d[1], d[2]), k -> new ArrayList<>())
                    .add(d[0] + ": served " + d[1] + " but handed back " + d[2]);
        }
        byRule.forEach((rule, list) -> add(rule, entry + " differs from what was served: " + list(list), null));
    }

    /** Every difference as {pointer, served, actual}; numbers compare by value, integers must stay integers. */
    private static void diff(JsonNode e, JsonNode a, String at, List<String[]> out) {
        if (a == null || a.isMissingNode()) {
            out.add(new String[] {at, brief(e), "nothing"});
            return;
        }
        if (e.isObject() && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) { // fields(): Jackson 2.x floor
                Map.Entry<String, JsonNode> f = it.next();
                diff(f.getValue(), a.get(f.getKey()), at + "/" + f.getKey(), out);
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!e.has(name)) {
                    out.add(new String[] {at + "/" + name, "no such field", brief(a.get(name))});
                }
            }
            return;
        }
        if (e.isArray() && a.isArray()) {
            for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
                if (i >= e.size()) {
                    out.add(new String[] {at + "/" + i, "no element", brief(a.get(i))});
                } else {
                    diff(e.get(i), a.get(i), at + "/" + i, out);
                }
            }
            return;
        }
        if (e.isNumber() && a.isNumber()) {
            if (e.isIntegralNumber() != a.isIntegralNumber() || e.decimalValue().compareTo(a.decimalValue()) != 0) {
                out.add(new String[] {at, e.toString(), a.toString()});
            }
            return;
        }
        if (!e.equals(a)) {
            out.add(new String[] {at, brief(e), brief(a)});
        }
    }

    private RuleId classify(String pointer, JsonNode served, String expected, String actual) {
        String top = pointer.replaceFirst("^/", "").replaceFirst("/.*$", "");
        switch (top) {
            case "MsgBody": {
                String[] parts = pointer.split("/");
                JsonNode element = parts.length > 2 ? served.path("MsgBody").path(parts[2]) : served.path("MsgBody");
                if (element.isObject() && !KNOWN_ELEMENTS.contains(element.path("MsgType").asText())) {
                    return RuleId.ELEM_005;
                }
                boolean text = expected.startsWith("\"") || actual.startsWith("\"");
                return text && !pointer.endsWith("/MsgType") ? RuleId.ELEM_004 : RuleId.ELEM_002;
            }
            case "MsgSeq", "MsgRandom":
                return served.path(top).asLong() > INT32_MAX
                        ? profile.rule(Role.UINT32).orElse(RuleId.COM_RESULT_001) : RuleId.COM_RESULT_001;
            default:
                if (top.equals(profile.keyName())) {
                    return profile.rule(Role.KEY_KEPT).orElse(RuleId.COM_RESULT_001);
                }
                Optional<ApiProfile.Marked> marked = profile.marked(served).filter(m -> m.field().equals(top));
                if (marked.isPresent()) {
                    return marked.get().misread();
                }
                return profile.modelledFields().contains(top) ? RuleId.COM_RESULT_002 : RuleId.COM_RESULT_001;
        }
    }

    // ------------------------------------------------------------------ helpers

    /** Element types of the entries that the message format does not list. */
    static Set<String> unknownElementTypes(List<JsonNode> entries) {
        Set<String> types = new TreeSet<>();
        for (JsonNode e : entries) {
            for (JsonNode el : e.path("MsgBody")) {
                String t = el.path("MsgType").asText();
                if (!KNOWN_ELEMENTS.contains(t)) {
                    types.add(t);
                }
            }
        }
        return types;
    }

    private String keyName() {
        return profile.keyName();
    }

    private void add(RuleId rule, String message, RecordedRequest request) {
        findings.add(rule, message, request);
    }

    private static String what(Throwable t) {
        return t.getClass().getSimpleName() + ": " + brief(String.valueOf(t.getMessage()));
    }

    private static String list(List<String> items) {
        if (items.size() <= MAX_LISTED) {
            return items.toString();
        }
        return items.subList(0, MAX_LISTED) + " and " + (items.size() - MAX_LISTED) + " more";
    }

    private static String brief(JsonNode n) {
        return brief(Json.compact(n));
    }

    private static String brief(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "..." : s;
    }
}
