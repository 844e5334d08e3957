package org.cqlhooks.trust;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Purges the jti replay record every {@code cds.security.replay-purge-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ReplayConfig implements SchedulingConfigurer {

    private final ReplayStore store;
    private final Duration interval;

    ReplayConfig(ReplayStore store, SecurityProperties settings) {
        this.store = store;
        this.interval = settings.replayPurgeInterval();
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(store::purgeExpired, interval, interval));
    }
}
