package org.genro.router;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a handler parameter takes when the request does not supply it, written as
 * the request would write it ({@code @Default("20") int limit}). It is coerced once at
 * registration, so a bad default fails at startup.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Default {

    /**
     * The default in request form.
     *
     * @return the default value text
     */
    String value();
}
