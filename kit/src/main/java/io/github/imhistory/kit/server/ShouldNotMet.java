package io.github.imhistory.kit.server;

import org.opentest4j.TestAbortedException;

/**
 * A SHOULD rule the server does not meet, in a run that is not strict: reported (the test is aborted with this
 * reason, so JUnit counts it as skipped and the run stays green), never failed. The gate reads it as "fail, not
 * blocking".
 */
public final class ShouldNotMet extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public ShouldNotMet(String message) {
        super(message);
    }
}
