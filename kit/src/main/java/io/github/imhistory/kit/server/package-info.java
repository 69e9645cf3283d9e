/**
 * The server conformance suite: {@link io.github.imhistory.kit.server.ServerConformanceSuite} (subclass and name a
 * {@link io.github.imhistory.kit.server.ServerTarget} and a {@link io.github.imhistory.kit.server.Seeder}) and
 * {@link io.github.imhistory.kit.server.ConfiguredServerConformanceTest} (configured by JUnit parameters). Everything
 * not public here is the suite's machinery: the oracle (the engine, in-process), the judge that names the rule each
 * difference breaks, and the replay of scenarios and walks.
 */
package io.github.imhistory.kit.server;
