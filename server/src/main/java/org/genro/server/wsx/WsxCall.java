package org.genro.server.wsx;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One WSX call as the client sent it, checked and ready to become a request.
 *
 * @param id          the client's id, echoed in the reply as it came (a string or a number)
 * @param method      the method, upper case
 * @param path        the path, percent-encoded where the client left characters a
 *                    request-target cannot carry
 * @param query       the query string, encoded, without '?'; "" when none
 * @param headers     fields the client set for this call
 * @param cookies     cookies the client set for this call, over the connection's own
 * @param body        the body bytes, or null when the call has no {@code data}
 * @param contentType the body's type when it has one
 * @param typed       whether the client asked for TYTX: typed values in the reply
 */
record WsxCall(JsonNode id, String method, String path, String query, Map<String, String> headers,
               Map<String, String> cookies, byte[] body, String contentType, boolean typed) {

    /** The request-target: the path, and the query when there is one. */
    String target() {
        return query.isEmpty() ? path : path + "?" + query;
    }
}
