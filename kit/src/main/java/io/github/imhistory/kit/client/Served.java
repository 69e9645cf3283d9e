package io.github.imhistory.kit.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.ApiProfile;
import io.github.imhistory.contract.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the stub actually served one walk, from the tenant's journal: the successful answers in the order the client
 * got them, and every entry they held, once per key, in history order. A client's result is judged against this,
 * never against a walk the kit computed ahead, so its page size, start point and retries are its own business.
 *
 * @param answers  the successful answers, in arrival order
 * @param entries  every served entry once (its latest version), oldest first
 * @param versions every version served of each key (a message recalled between two pages is served twice)
 * @param times    how many answers held each key: more than one only when the client's own requests overlapped (a
 *                 wrong continuation, a repeat), which the traffic judge reports; handing such an entry back as often
 *                 as it came is that fault's consequence, not another one
 */
record Served(ApiProfile profile, List<JsonNode> answers, List<JsonNode> entries, Map<String, List<JsonNode>> versions,
              Map<String, Integer> times) {
    static Served of(ApiProfile profile, List<RecordedRequest> walk) {
        List<JsonNode> answers = new ArrayList<>();
        Map<String, List<JsonNode>> versions = new LinkedHashMap<>();
        Map<String, Integer> times = new LinkedHashMap<>();
        for (RecordedRequest r : walk) {
            if (!r.succeeded()) {
                continue;
            }
            JsonNode answer = r.answerJson().orElseThrow();
            answers.add(answer);
            for (JsonNode e : profile.entries(answer)) {
                times.merge(profile.key(e), 1, Integer::sum);
                List<JsonNode> seen = versions.computeIfAbsent(profile.key(e), k -> new ArrayList<>());
                if (!seen.contains(e)) {
                    seen.add(e);
                }
            }
        }
        List<JsonNode> entries = new ArrayList<>();
        versions.values().forEach(v -> entries.add(v.get(v.size() - 1)));
        entries.sort(profile.order());
        return new Served(profile, List.copyOf(answers), List.copyOf(entries), versions, times);
    }

    /** The MsgType values of every element served. */
    Set<String> elementTypes() {
        return elementTypes(answers);
    }

    Set<String> elementTypes(List<JsonNode> of) {
        Set<String> types = new TreeSet<>();
        for (JsonNode answer : of) {
            for (JsonNode e : profile.entries(answer)) {
                e.path("MsgBody").forEach(el -> types.add(el.path("MsgType").asText()));
            }
        }
        return types;
    }
}
