package org.cqlhooks.governance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The patient id as HMAC-SHA256 under a secret key, hex: cards of one patient share a hash, but without the key the
 * hash cannot be matched to an id (patient ids are short, so a plain hash could be reversed by trying them all).
 */
final class PatientHasher {

    static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    PatientHasher(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the patient key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    }

    static PatientHasher withRandomKey() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return new PatientHasher(key);
    }

    static PatientHasher withKey(String key) {
        return new PatientHasher(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The hash of {@code patientId}, or null for a call without a patient. */
    String hash(String patientId) {
        if (patientId == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // a Mac is not thread-safe: one per hash (microseconds)
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return "PatientHasher[key hidden]";
    }
}
