/**
 * The HTTP/1.1 engine: an accept loop, one virtual thread per connection, a strict
 * request parser and a response writer. Depends on the JDK alone.
 */
module org.genro.http {
    exports org.genro.http;
}
