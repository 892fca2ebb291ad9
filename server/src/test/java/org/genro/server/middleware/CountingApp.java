package org.genro.server.middleware;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.genro.server.exchange.Exchange;
import org.genro.server.exchange.Next;
import org.genro.server.exchange.Reply;

/** An app for tests that makes a fresh reply per call and counts its calls. */
final class CountingApp implements Next {
    private final Function<Exchange, Reply> replies;
    private final AtomicInteger calls = new AtomicInteger();

    CountingApp(Function<Exchange, Reply> replies) {
        this.replies = replies;
    }

    @Override
    public Reply proceed(Exchange exchange) {
        calls.incrementAndGet();
        return replies.apply(exchange);
    }

    int calls() {
        return calls.get();
    }
}
