/**
 * The HTTP/1.1 engine: an accept loop, one virtual thread per connection, a strict
 * request parser, a response writer, and WebSocket (RFC 6455, with permessage-deflate)
 * on the same connections. Depends on the JDK alone.
 */
module org.genro.http {
    exports org.genro.http;
}
