/** The standalone stub server for frontend developers: {@code java -jar im-history-stubs-standalone.jar}. */
package io.github.imhistory.standalone;
