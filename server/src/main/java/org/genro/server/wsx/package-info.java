/**
 * WSX: HTTP calls and server pushes as JSON messages over one WebSocket. Owns the message
 * format, the endpoint's handshake, each connection's bounded in-flight calls and outgoing
 * queue, and topic subscriptions behind the {@link org.genro.server.wsx.TopicBus} seam. It
 * does not route or authorize: each call is handed to the server's pipeline as a request.
 */
package org.genro.server.wsx;
