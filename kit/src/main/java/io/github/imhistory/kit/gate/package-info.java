/**
 * The CI gate: {@link io.github.imhistory.kit.gate.Gate} runs the server suite from the command line through the
 * JUnit Platform Launcher and writes JUnit XML, {@code conformance.json} and {@code CONFORMANCE.md}.
 */
package io.github.imhistory.kit.gate;
