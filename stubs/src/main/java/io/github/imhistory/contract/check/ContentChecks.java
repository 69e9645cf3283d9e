package io.github.imhistory.contract.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.ApiProfile.Role;
import io.github.imhistory.contract.C2cProfile;
import io.github.imhistory.contract.JsonMatch;
import io.github.imhistory.contract.RuleId;
import io.github.imhistory.contract.Side;
import io.github.imhistory.contract.Uint32;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a page holds what it should: the newest entries on a first request, the next ones on a continuation (the
 * {@link Role#FIRST_PAGE} and {@link Role#NEXT_PAGE} rules). Without a reference only the count can be judged; with
 * one, every entry the reference holds must be there and nothing else, and any difference no precise rule explains
 * is reported under the rules the scenario names for it ({@link Declared.Mechanism#DIFFERENTIAL}).
 */
public final class ContentChecks {
    private ContentChecks() {}

    @Verifies(value = RuleId.C2C_PERSP_002, roles = {Role.FIRST_PAGE, Role.NEXT_PAGE}, side = Side.SERVER)
    @Attributes(value = Declared.Mechanism.DIFFERENTIAL, side = Side.SERVER)
    static void content(ServerAnswer a, Reference reference, Lookup lookup, Findings f) {
        JsonNode s = a.answer();
        int code = s.path("ErrorCode").isIntegralNumber() ? s.path("ErrorCode").asInt() : -1;
        if (code != 0) {
            differs(a, "refused a valid request with ErrorCode " + s.path("ErrorCode") + " ("
                    + s.path("ErrorInfo").asText() + ")", f);
            return;
        }
        ApiProfile p = a.profile();
        JsonNode list = p.entries(s);
        if (p.api() == io.github.imhistory.contract.Api.GROUP_MSG_GET_SIMPLE) {
            long number = a.body().path("ReqMsgNumber").asLong();
            if (list.size() <= ApiProfile.SEQ_PAGE_MAX && list.size() > number) {
                a.add(f, RuleId.GRP_PAGE_004, "the answer holds " + list.size() + " entries, more than ReqMsgNumber "
                        + number);
            }
        }
        if (reference == null) {
            return;
        }
        if (p instanceof C2cProfile) {
            c2c(a, reference, lookup, f);
        } else {
            seq(a, reference, lookup, f);
        }
        if (a.reported() == 0 && !a.tolerated()) {
            // every field of the reference, exactly; fields a server adds beyond the documented ones are its business
            JsonNode expected = PageText.withoutInfo(reference.json());
            JsonMatch.exact(expected, PageText.projected(s, expected))
                    .ifPresent(d -> differs(a, "the answer differs from the reference answer: " + d, f));
        }
    }

    /** A difference no precise rule explains: under the DIFFERENTIAL rules the part names, else the page rule. */
    private static void differs(ServerAnswer a, String message, Findings f) {
        List<RuleId> named = a.named().stream()
                .filter(r -> Declared.mechanism(r, Side.SERVER).filter(Declared.Mechanism.DIFFERENTIAL::equals).isPresent())
                .filter(r -> Declared.appliesTo(r, a.api()))
                .toList();
        if (named.isEmpty()) {
            a.add(f, pageRule(a), message);
        } else {
            named.forEach(r -> a.add(f, r, message));
        }
    }

    private static RuleId pageRule(ServerAnswer a) {
        return a.profile().ruleOf(a.profile().hasCursor(a.body()) ? Role.NEXT_PAGE : Role.FIRST_PAGE);
    }

    private static void c2c(ServerAnswer a, Reference reference, Lookup lookup, Findings f) {
        ApiProfile p = a.profile();
        Map<String, JsonNode> expected = new LinkedHashMap<>();
        reference.json().path("MsgList").forEach(item -> expected.put(p.key(item), item));
        Map<String, JsonNode> actual = new LinkedHashMap<>();
        p.entries(a.answer()).forEach(item -> actual.putIfAbsent(p.key(item), item));
        List<String> eKeys = new ArrayList<>(expected.keySet());
        List<String> missing = eKeys.stream().filter(k -> !actual.containsKey(k) && !a.explained(k)).toList();
        if (!missing.isEmpty()) {
            List<String> aKeys = new ArrayList<>(actual.keySet());
            // messages that wrongly got onto the page (already blamed) push the oldest ones off a full page
            long intruders = aKeys.stream().filter(k -> a.explained(k) && !expected.containsKey(k)).count();
            boolean crowdedOut = intruders >= missing.size() && eKeys.subList(0, missing.size()).equals(missing);
            if (!crowdedOut && !C2cPageChecks.cutShort(a, reference, eKeys, aKeys, f)) {
                for (String k : missing) {
                    a.add(f, pageRule(a), "message " + expected.get(k).path("MsgKey").asText(k)
                            + " of the window is missing from this page");
                }
            }
        }
        Set<String> hidden = lookup.notSyncedToSender();
        for (Map.Entry<String, JsonNode> x : actual.entrySet()) {
            if (expected.containsKey(x.getKey()) || a.explained(x.getKey())) {
                continue;
            }
            String label = x.getValue().path("MsgKey").asText(x.getKey());
            if (hidden.contains(x.getKey())) {
                a.add(f, RuleId.C2C_PERSP_002, "message " + label + " was sent with SyncOtherMachine=2 and is not"
                        + " visible from " + C2cProfile.accounts(a.body())[0] + "'s side");
            } else {
                a.add(f, pageRule(a), "message " + label + " does not belong on this page");
            }
        }
    }

    private static void seq(ServerAnswer a, Reference reference, Lookup lookup, Findings f) {
        Map<Long, JsonNode> expected = SeqPageChecks.bySeq(reference.json().path("RspMsgList"));
        Map<Long, JsonNode> actual = SeqPageChecks.bySeq(SeqPageChecks.list(a));
        List<Long> holesLeftOut = new ArrayList<>();
        Map<Long, JsonNode> holesNotMarked = new LinkedHashMap<>();
        List<Long> recalledLeftOut = new ArrayList<>();
        Map<Long, Integer> recallNotMarked = new LinkedHashMap<>();
        for (Map.Entry<Long, JsonNode> x : expected.entrySet()) {
            long seq = x.getKey();
            JsonNode got = actual.get(seq);
            int ePlace = x.getValue().path("IsPlaceMsg").asInt();
            if (got == null) {
                if (ePlace == 1) {
                    holesLeftOut.add(seq);
                } else if (ePlace == 2) {
                    recalledLeftOut.add(seq);
                } else {
                    a.add(f, pageRule(a), "message seq " + seq + " is missing from the answer");
                }
                continue;
            }
            int aPlace = got.path("IsPlaceMsg").asInt(-1);
            if (aPlace == ePlace) {
                continue;
            }
            if (ePlace == 1) {
                holesNotMarked.put(seq, got);
            } else if (ePlace == 2 || aPlace == 2) {
                recallNotMarked.put(seq, aPlace);
            } else {
                a.add(f, pageRule(a), "seq " + seq + " has IsPlaceMsg " + got.path("IsPlaceMsg") + " where it is "
                        + ePlace);
            }
        }
        if (!holesLeftOut.isEmpty() || !holesNotMarked.isEmpty()) {
            SeqPageChecks.holes(a, holesLeftOut, holesNotMarked, f);
        }
        boolean withRecalled = a.body().path("WithRecalledMsg").asInt(0) == 1;
        Set<Long> recalled = null;
        List<Long> hiddenButReturned = new ArrayList<>();
        for (long seq : actual.keySet()) {
            if (expected.containsKey(seq) || a.explained(Long.toString(seq))) {
                continue;
            }
            if (!withRecalled) {
                if (recalled == null) {
                    recalled = recalledSeqs(a, lookup);
                }
                if (recalled.contains(seq)) {
                    hiddenButReturned.add(seq);
                    continue;
                }
            }
            a.add(f, pageRule(a), "seq " + seq + " does not belong in this answer");
        }
        if (!recalledLeftOut.isEmpty() || !recallNotMarked.isEmpty() || !hiddenButReturned.isEmpty()) {
            SeqPageChecks.recalled(a, recallNotMarked, recalledLeftOut, hiddenButReturned, f);
        }
    }

    /** Seqs the same request shows as recalled (IsPlaceMsg 2) with WithRecalledMsg=1, by the reference. */
    private static Set<Long> recalledSeqs(ServerAnswer a, Lookup lookup) {
        ObjectNode probe = a.body().deepCopy();
        probe.put("WithRecalledMsg", 1);
        Optional<JsonNode> answer = lookup.answer(a.api(), probe);
        Set<Long> out = new TreeSet<>();
        answer.ifPresent(x -> x.path("RspMsgList").forEach(entry -> {
            if (entry.path("IsPlaceMsg").asInt() == 2) {
                out.add(Uint32.masked(entry.path("MsgSeq")));
            }
        }));
        return out;
    }
}
