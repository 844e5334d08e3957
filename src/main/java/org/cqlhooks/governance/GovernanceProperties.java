package org.cqlhooks.governance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The governance record: what is kept, for how long, and how recording stays off the call's path.
 *
 * @param patientKey the secret key of the patient hash (HMAC-SHA256), at least 32 bytes; required with trusted
 *     clients, a random key per run in development mode when unset
 * @param retention how long issued cards and their feedback are kept
 * @param purgeInterval how often records older than {@code retention} are deleted (first run a minute after start)
 * @param queueCapacity cards waiting to be written; when the queue is full, further cards are not recorded (counted)
 */
@ConfigurationProperties("cds.governance")
public record GovernanceProperties(
        String patientKey,
        @DefaultValue("400d") Duration retention,
        @DefaultValue("6h") Duration purgeInterval,
        @DefaultValue("10000") int queueCapacity) {

    @Override
    public String toString() {
        return "GovernanceProperties[retention=" + retention + ", purgeInterval=" + purgeInterval + ", queueCapacity="
                + queueCapacity + "]";
    }
}
