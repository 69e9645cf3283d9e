package io.github.imhistory.kit.assertj;

import io.github.imhistory.contract.RuleCatalog;
import io.github.imhistory.contract.traffic.Page;

/** Failure messages: what is wrong, where (page, request, key), the rule, and a curl that sends the request again. */
final class Messages {
    private Messages() {}

    static String of(Page page, String ruleId, String problem) {
        return page + ": " + problem + " [" + RuleCatalog.bundled().get(ruleId).displayName() + "]\n  " + page.curl();
    }
}
