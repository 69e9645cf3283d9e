/**
 * AssertJ assertions on pages and walks ({@link io.github.imhistory.kit.assertj.ImHistoryAssertions}); failures
 * name the page, the MsgKey or MsgSeq and the rule, and carry a curl that sends the request again.
 */
package io.github.imhistory.kit.assertj;
