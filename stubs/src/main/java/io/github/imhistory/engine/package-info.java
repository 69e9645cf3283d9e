/**
 * The three history APIs: (method, path, query, body, tenant, clock) -> answer. No WireMock, JUnit, HTTP client and no
 * judge here (an ArchUnit test keeps it so): the same code is the stub's brain and the oracle the suites compare
 * with. A tenant keeps the state requests change (deviation counters, rate limiters, a bounded journal); the engine
 * never sleeps, a scripted delay travels with the answer. Every behaviour is a rule of
 * {@code scenarios/catalog/rules.json}; comments cite rule IDs.
 */
package io.github.imhistory.engine;
