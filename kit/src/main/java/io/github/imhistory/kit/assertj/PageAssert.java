package io.github.imhistory.kit.assertj;

import io.github.imhistory.contract.traffic.Page;

/** {@link AbstractPageAssert} for a {@link Page}; get one from {@link ImHistoryAssertions#assertThat(Page)}. */
public class PageAssert extends AbstractPageAssert<PageAssert> {
    public PageAssert(Page actual) {
        super(actual, PageAssert.class);
    }
}
