/**
 * The three history APIs as a pure function: (method, path, query, body, tenant history, clock) -> answer.
 * No WireMock, JUnit or HTTP types: the same code is the stub's brain and the oracle the server suite compares
 * real servers with. Every behaviour here is a rule of {@code scenarios/catalog/rules.json}; comments cite rule IDs.
 */
package io.github.imhistory.engine;
