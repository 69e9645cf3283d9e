package io.github.imhistory.examples;

/** The server answered a non-zero ErrorCode that a retry cannot help, or that retries did not get past. */
public class HistoryException extends RuntimeException {
    private final int errorCode;

    public HistoryException(int errorCode, String errorInfo) {
        super("IM history request failed with ErrorCode " + errorCode + ": " + errorInfo);
        this.errorCode = errorCode;
    }

    public int errorCode() {
        return errorCode;
    }
}
