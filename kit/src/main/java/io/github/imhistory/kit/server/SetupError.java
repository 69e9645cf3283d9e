package io.github.imhistory.kit.server;

/**
 * The suite could not bring the target into the state a scenario needs (seeding failed): neither a verdict on the
 * server's conformance nor a bug of the kit. Reported as a JUnit error; the gate exits 2.
 */
public final class SetupError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SetupError(String message) {
        super(message);
    }
}
