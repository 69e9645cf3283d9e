package io.github.imhistory.contract.traffic;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.imhistory.contract.Api;
import io.github.imhistory.contract.RecordedRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The requests of one history walk as a stub saw them: a first request and everything that continued or retried it
 * (same API and same conversation, group or official account; see {@link TrafficJudge#walkKey}).
 *
 * @param key      what the requests share, e.g. {@code user1>user2 from 1700000000} or a GroupId
 * @param requests every request of the walk in arrival order, failed ones and retries included
 * @param baseUrl  where the requests went, for curl commands ({@code ""} when unknown)
 */
public record Walk(Api api, String key, List<RecordedRequest> requests, String baseUrl) {
    public Walk {
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(key, "key");
        requests = List.copyOf(requests);
        baseUrl = baseUrl == null ? "" : baseUrl;
    }

    /** The successful answers, numbered 1, 2, ... (failed attempts and retries are not pages). */
    public List<Page> pages() {
        List<Page> pages = new ArrayList<>();
        for (RecordedRequest r : requests) {
            if (r.succeeded()) {
                pages.add(new Page(api, pages.size() + 1, r, baseUrl));
            }
        }
        return pages;
    }

    /** Every key of every page, in pull order (page 1 first, each page in answer order). */
    public List<String> keys() {
        List<String> keys = new ArrayList<>();
        pages().forEach(p -> keys.addAll(p.keys()));
        return keys;
    }

    public RecordedRequest last() {
        return requests.get(requests.size() - 1);
    }

    @Override
    public String toString() {
        return api.command() + " walk " + key + " (" + requests.size() + " requests)";
    }
}
