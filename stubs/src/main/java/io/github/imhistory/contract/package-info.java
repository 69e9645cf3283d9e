/** Reads and validates the language-neutral contract: schemas, rule and error catalogues, scenarios. */
package io.github.imhistory.contract;
