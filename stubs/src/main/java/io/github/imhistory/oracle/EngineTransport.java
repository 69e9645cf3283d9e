package io.github.imhistory.oracle;

import io.github.imhistory.contract.HttpCall;
import io.github.imhistory.contract.walk.Answer;
import io.github.imhistory.contract.walk.Transport;
import io.github.imhistory.engine.Engine;
import io.github.imhistory.engine.EngineRequest;
import io.github.imhistory.engine.EngineResponse;
import java.io.IOException;

/**
 * The engine in-process, as an HTTP adapter would play it: scripted network faults become IOExceptions, scripted
 * delays are slept (unless turned off). An exception of the engine is a {@link io.github.imhistory.contract.KitError},
 * never an internal-error answer.
 */
public final class EngineTransport implements Transport {
    private final Engine engine;
    private final boolean sleeps;

    private EngineTransport(Engine engine, boolean sleeps) {
        this.engine = engine;
        this.sleeps = sleeps;
    }

    public static EngineTransport of(Engine engine) {
        return new EngineTransport(engine, true);
    }

    /** The same answers without waiting out scripted delays (they do not change an answer). */
    public EngineTransport withoutDelays() {
        return new EngineTransport(engine, false);
    }

    @Override
    public Answer send(HttpCall call) throws IOException {
        EngineResponse r = engine.answer(new EngineRequest(call.method(), call.path(), call.query(), call.body()));
        if (sleeps && r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        if (r.fault() != EngineResponse.Fault.NONE) {
            throw new IOException("scripted fault: " + r.fault());
        }
        return new Answer(r.status(), r.body());
    }
}
