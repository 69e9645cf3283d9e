/**
 * The metamorphic probe ({@code gate probe}): walks histories that already exist on a server several ways (page
 * sizes, start points, WithRecalledMsg, both C2C field-name revisions), requires the same history every way, judges
 * every page and the documented refusals of bad inputs that need no data, all through the rules' homes and the
 * oracles without stored data ({@link io.github.imhistory.oracle.AnswerJudge}), paced and within a request budget.
 */
package io.github.imhistory.kit.probe;
