package io.github.imhistory.contract;

/** A contract file (schema, catalogue, scenario) is missing or invalid; the message names the file and place. */
public class ContractException extends RuntimeException {
    public ContractException(String message) {
        super(message);
    }

    public ContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
