/** What test code touches: the JUnit 5 extension and the conformance suites. */
package io.github.imhistory.kit;
