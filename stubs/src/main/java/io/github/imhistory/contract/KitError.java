package io.github.imhistory.contract;

/**
 * A fault of the kit itself (an engine exception while it serves as the oracle, a suite that broke, a finding made
 * outside its rule's home): never a finding against the client or server under test. Suites report it as a JUnit
 * error naming the kit, and the gate exits 2 with "kit error".
 */
public class KitError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KitError(String message) {
        super(message);
    }

    public KitError(String message, Throwable cause) {
        super(message, cause);
    }

    /** The message prefixed with what it is, so that a report never reads it as the subject's fault. */
    @Override
    public String getMessage() {
        return "kit error (a bug of im-history, not of the subject under test): " + super.getMessage();
    }
}
