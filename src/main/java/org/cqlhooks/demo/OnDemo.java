package org.cqlhooks.demo;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Beans of the connectathon kit exist only when it is on: {@code cds.demo.enabled}, or, when that is unset,
 * development mode (no {@code cds.security.clients}). A server that trusts real EHRs never serves it by accident.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Conditional(OnDemo.DemoOn.class)
@interface OnDemo {

    class DemoOn implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return isOn(Binder.get(context.getEnvironment()));
        }

        static boolean isOn(Binder binder) {
            Boolean enabled = binder.bind("cds.demo.enabled", Boolean.class).orElse(null);
            if (enabled != null) {
                return enabled;
            }
            return binder.bind("cds.security.clients", Bindable.listOf(Map.class)).orElse(List.of()).isEmpty();
        }
    }
}
