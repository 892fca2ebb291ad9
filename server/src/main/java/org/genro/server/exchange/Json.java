package org.genro.server.exchange;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The one JSON configuration of the server: a shared, thread-safe Jackson mapper.
 * Compact output, ISO-8601 dates, records and maps as objects; one canonical encoding
 * whatever else is on the class path.
 */
public final class Json {
    /** Shared mapper; configure nothing on it after startup. */
    public static final ObjectMapper MAPPER = JsonMapper.builder(factory())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * The mapper for clients that asked for TYTX: values JSON cannot type are written as
     * strings carrying their type ({@code "2025-01-15::D"}, {@code "10.50::N"}), the
     * same suffixes the router decodes in arguments, so a date or a decimal comes back as
     * what it was.
     */
    public static final ObjectMapper TYTX = JsonMapper.builder(factory())
            .addModule(new JavaTimeModule())
            .addModule(tytx())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    /**
     * The exchange attribute that, set to {@link Boolean#TRUE}, makes the dispatcher write
     * the result with {@link #TYTX} instead of {@link #MAPPER}.
     */
    public static final String TYTX_ATTRIBUTE = "json.tytx";

    private static final AtomicBoolean WARMED = new AtomicBoolean();

    private Json() {
    }

    /**
     * Sets Jackson up and writes one small value with each mapper, so that the first
     * request that answers JSON does not pay for it. Setting Jackson up takes a few hundred
     * milliseconds of class loading: the server calls this on a thread of its own as it
     * starts, alongside reading its config, instead of before opening its port.
     */
    public static void warm() {
        if (!WARMED.compareAndSet(false, true)) {
            return; // once per process, however many servers are built
        }
        try {
            MAPPER.writeValueAsBytes(Map.of("warm", BigDecimal.ONE));
            TYTX.writeValueAsBytes(Map.of("warm", LocalDate.EPOCH));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON cannot be written", e);
        }
    }

    /** The mapper for {@code exchange}'s result: {@link #TYTX} when its client asked for typed values. */
    public static ObjectMapper forExchange(Exchange exchange) {
        return exchange != null && Boolean.TRUE.equals(exchange.attribute(TYTX_ATTRIBUTE)) ? TYTX : MAPPER;
    }

    /**
     * A factory whose parsers and generators take their buffers from one bounded pool.
     * Jackson's default keeps them per thread, which pays with virtual threads, made for
     * each connection and each WSX call and never reused: every JSON read or write then
     * allocated fresh buffers of several KiB.
     */
    private static JsonFactory factory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.newBoundedPool(
                4 * Runtime.getRuntime().availableProcessors())).build();
    }

    private static SimpleModule tytx() {
        SimpleModule m = new SimpleModule("tytx");
        m.addSerializer(LocalDate.class, typed(LocalDate::toString, "D"));
        m.addSerializer(LocalDateTime.class, typed(LocalDateTime::toString, "DH"));
        m.addSerializer(LocalTime.class, typed(LocalTime::toString, "H"));
        m.addSerializer(Instant.class, typed(Instant::toString, "DHZ"));
        m.addSerializer(OffsetDateTime.class, typed(t -> t.toInstant().toString(), "DHZ"));
        m.addSerializer(ZonedDateTime.class, typed(t -> t.toInstant().toString(), "DHZ"));
        m.addSerializer(BigDecimal.class, typed(BigDecimal::toPlainString, "N"));
        return m;
    }

    private static <T> JsonSerializer<T> typed(Function<T, String> text, String code) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(text.apply(value) + "::" + code);
            }
        };
    }
}
