package org.cqlhooks.governance;

import java.time.Duration;
import org.cqlhooks.trust.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * The governance record's pieces that need a decision: the patient-hash key and the retention schedule. The
 * database itself is Spring Boot's {@code spring.datasource.*} with Flyway's migrations in db/migration.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class GovernanceConfig implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(GovernanceConfig.class);
    private static final String KEY = "cds.governance.patient-key";

    private final GovernanceProperties settings;
    private final RetentionPurge purge;

    GovernanceConfig(GovernanceProperties settings, RetentionPurge purge) {
        this.settings = settings;
        this.purge = purge;
    }

    /**
     * With trusted clients (real patients) the key is required: without one the start fails. In development mode an
     * unset key is replaced by a random one for this run, so hashes of one patient match only within the run.
     */
    @Bean
    PatientHasher patientHasher(SecurityProperties security) {
        String key = settings.patientKey();
        if (key == null || key.isBlank()) {
            if (!security.developmentMode()) {
                throw new IllegalStateException(KEY + ": a secret of at least " + PatientHasher.MIN_KEY_BYTES
                        + " bytes is required when cds.security.clients is set: the governance record keeps patient "
                        + "ids only as HMAC-SHA256 under it (README, Governance)");
            }
            log.info("{} is not set (development mode): patient hashes use a random key for this run only", KEY);
            return PatientHasher.withRandomKey();
        }
        if (key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < PatientHasher.MIN_KEY_BYTES) {
            // Not Spring's InvalidConfigurationPropertyValueException: its start-up report would print the key.
            throw new IllegalStateException(KEY + ": the key needs at least " + PatientHasher.MIN_KEY_BYTES
                    + " bytes (e.g. `openssl rand -base64 32`)");
        }
        return PatientHasher.withKey(key);
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(new FixedDelayTask(purge::purge, settings.purgeInterval(), Duration.ofMinutes(1)));
    }
}
