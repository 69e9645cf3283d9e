package io.github.imhistory.kit.assertj;

import io.github.imhistory.contract.check.Finding;
import io.github.imhistory.contract.traffic.Page;
import java.util.List;
import java.util.stream.Collectors;

/** Failure messages: what is wrong, where (page, request, key), the rule, and a curl that sends the request again. */
final class Messages {
    private Messages() {}

    /** A rule's finding about a page, as the rule's home reported it. */
    static String of(Page page, List<Finding> findings) {
        return page + ": " + findings.stream()
                .map(f -> f.message() + " [" + f.rule().rule().displayName() + "]")
                .collect(Collectors.joining("\n  ")) + "\n  " + page.curl();
    }

    /** An expectation of the test itself (no rule of the catalogue). */
    static String of(Page page, String problem) {
        return page + ": " + problem + "\n  " + page.curl();
    }
}
