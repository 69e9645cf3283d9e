package io.github.imhistory.contract.walk;

import io.github.imhistory.contract.HttpCall;
import java.io.IOException;

/** Sends a call somewhere: the engine in-process, a stub over HTTP, a real server. */
@FunctionalInterface
public interface Transport {
    /** The answer; an IOException when none came (refused, reset, an answer that is not HTTP). */
    Answer send(HttpCall call) throws IOException;
}
