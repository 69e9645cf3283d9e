package io.github.imhistory.kit.client;

/**
 * A failure answer (non-zero ErrorCode) surfaced to the caller (COM-ENV-004). Adapters may throw this, wrap it, or
 * throw any exception of their own whose message, or a cause's message, names the code as a number (e.g.
 * {@code "admin_getroammsg failed: 90008 ..."}); the suite accepts either.
 */
public class ImHistoryClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int errorCode;

    public ImHistoryClientException(int errorCode, String errorInfo) {
        this(errorCode, errorInfo, null);
    }

    public ImHistoryClientException(int errorCode, String errorInfo, Throwable cause) {
        super("ErrorCode " + errorCode + ": " + errorInfo, cause);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }

    /**
     * Whether {@code thrown} surfaces {@code code}: an {@link ImHistoryClientException} with that code in its cause
     * chain, or a message in the chain naming the code as a whole number.
     */
    public static boolean surfaces(Throwable thrown, int code) {
        String pattern = "(?s).*(?<![0-9])" + code + "(?![0-9]).*";
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ImHistoryClientException e && e.errorCode() == code) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().matches(pattern)) {
                return true;
            }
        }
        return false;
    }
}
