package org.cqlhooks.prefetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefetchTemplateTest {

    private static final Map<String, String> PRACTITIONER = Map.of(
            "userId", "Practitioner/abc", "patientId", "1288992", "encounterId", "89284");

    @Test
    void fillsContextTokens() {
        assertThat(PrefetchTemplate.fill("Patient/{{context.patientId}}", PRACTITIONER)).hasValue("Patient/1288992");
        assertThat(PrefetchTemplate.fill("{{context.userId}}", PRACTITIONER)).hasValue("Practitioner/abc");
        assertThat(PrefetchTemplate.fill(
                "Observation?patient={{context.patientId}}&encounter={{context.encounterId}}&code=4548-4", PRACTITIONER))
                .hasValue("Observation?patient=1288992&encounter=89284&code=4548-4");
    }

    @ParameterizedTest
    @CsvSource({
        "Practitioner/abc, userPractitionerId, Practitioner?_id=abc",
        "PractitionerRole/r1, userPractitionerRoleId, Practitioner?_id=r1",
        "Patient/p9, userPatientId, Practitioner?_id=p9",
        "RelatedPerson/rp-2, userRelatedPersonId, Practitioner?_id=rp-2"})
    void fillsUserTokensFromTheUsersType(String userId, String token, String expected) {
        assertThat(PrefetchTemplate.fill("Practitioner?_id={{" + token + "}}", Map.of("userId", userId)))
                .hasValue(expected);
    }

    @Test
    void aUserTokenOfAnotherTypeHasNoValueSoTheQueryCannotBeMade() {
        assertThat(PrefetchTemplate.fill("PractitionerRole?_id={{userPractitionerRoleId}}", PRACTITIONER)).isEmpty();
        assertThat(PrefetchTemplate.fill("Patient/{{userPatientId}}", PRACTITIONER)).isEmpty();
    }

    @Test
    void aMissingOptionalContextFieldLeavesTheTemplateUnfilled() {
        assertThat(PrefetchTemplate.fill("Encounter/{{context.encounterId}}", Map.of("patientId", "1"))).isEmpty();
    }

    @Test
    void toleratesSpacesInsideBracesAndLeavesTemplatesWithoutTokensAlone() {
        assertThat(PrefetchTemplate.fill("Patient/{{ context.patientId }}", PRACTITIONER)).hasValue("Patient/1288992");
        assertThat(PrefetchTemplate.fill("Medication?code=7243", PRACTITIONER)).hasValue("Medication?code=7243");
    }

    @Test
    void encodesValuesSoTheyCannotAddParametersOrFragments() {
        assertThat(PrefetchTemplate.fill("Condition?patient={{context.patientId}}",
                Map.of("patientId", "1&code=x#y z"))).hasValue("Condition?patient=1%26code%3Dx%23y%20z");
    }

    @Test
    void listsAndValidatesTokens() {
        assertThat(PrefetchTemplate.tokens("A?x={{context.patientId}}&y={{userPractitionerId}}"))
                .containsExactly("context.patientId", "userPractitionerId");
        assertThat(PrefetchTemplate.isValidToken("context.patientId")).isTrue();
        assertThat(PrefetchTemplate.isValidToken("userRelatedPersonId")).isTrue();
        assertThat(PrefetchTemplate.isValidToken("context.medication.id")).isFalse();
        assertThat(PrefetchTemplate.isValidToken("patientId")).isFalse();
    }
}
