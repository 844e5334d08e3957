package org.cqlhooks.invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.cqlhooks.wire.CdsError;
import org.cqlhooks.wire.CdsException;
import org.cqlhooks.wire.CdsRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestReaderTest {

    private final RequestReader reader = new RequestReader(new ObjectMapper());

    private static final String VALID = """
            {"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
             "fhirServer":"https://ehr.example.org/fhir",
             "fhirAuthorization":{"access_token":"secret-token","token_type":"Bearer","expires_in":300,
               "scope":"user/Patient.read","subject":"cds-service4"},
             "context":{"userId":"PractitionerRole/123","patientId":"1288992","encounterId":"89284"},
             "prefetch":{"patient":null},
             "extension":{"com.example.timestamp":"2017-11-27T22:13:25Z"}}
            """;

    private CdsRequest read(String json) {
        return reader.read(json.getBytes(StandardCharsets.UTF_8), "patient-view");
    }

    @Test
    void readsAValidRequestIgnoringExtensions() {
        CdsRequest request = read(VALID);
        assertThat(request.hookInstance()).isEqualTo("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        assertThat(request.fhirServer()).hasToString("https://ehr.example.org/fhir");
        assertThat(request.accessToken()).isEqualTo("secret-token");
        assertThat(request.patientId()).isEqualTo("1288992");
        assertThat(request.contextValues()).containsEntry("encounterId", "89284");
        assertThat(request.prefetch().has("patient")).isTrue();
    }

    @Test
    void neverPrintsTheTokenOrPatientData() {
        CdsRequest request = read(VALID);
        assertThat(request.toString()).doesNotContain("secret-token").doesNotContain("1288992");
        assertThat(request.fhirAuthorization().toString()).doesNotContain("secret-token");
    }

    @Test
    void aRequestWithoutPrefetchIsNormal() {
        CdsRequest request = read("""
                {"hook":"patient-view","hookInstance":"x","context":{"userId":"Practitioner/1","patientId":"p"}}""");
        assertThat(request.prefetch()).isNull();
        assertThat(request.fhirServer()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hook missing | {\"hookInstance\":\"x\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"p\"}} | hook",
        "hook not a string | {\"hook\":5,\"hookInstance\":\"x\",\"context\":{}} | hook",
        "hookInstance missing | {\"hook\":\"patient-view\",\"context\":{}} | hookInstance",
        "context missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\"} | context",
        "context an array | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":[]} | context",
        "patientId missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Practitioner/1\"}} | context.patientId",
        "userId missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"patientId\":\"p\"}} | context.userId",
        "userId not a reference | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"bob\",\"patientId\":\"p\"}} | context.userId",
        "userId of a wrong type | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Device/1\",\"patientId\":\"p\"}} | context.userId",
        "patientId not a FHIR id | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":\"../Observation\"}} | context.patientId",
        "patientId a number | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{\"userId\":\"Practitioner/1\",\"patientId\":12}} | context.patientId",
        "fhirServer not a URL | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"not a url\",\"context\":{}} | fhirServer",
        "fhirServer ftp | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"ftp://h/x\",\"context\":{}} | fhirServer",
        "authorization without server | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\"},\"context\":{}} | fhirServer",
        "access_token missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"token_type\":\"Bearer\"},\"context\":{}} | fhirAuthorization.access_token",
        "token_type not Bearer | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"MAC\"},\"context\":{}} | fhirAuthorization.token_type",
        "expires_in not a number | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":\"soon\"},\"context\":{}} | fhirAuthorization.expires_in",
        "expires_in missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"scope\":\"s\",\"subject\":\"c\"},\"context\":{}} | fhirAuthorization.expires_in",
        "expires_in a fraction | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":1.5,\"scope\":\"s\",\"subject\":\"c\"},\"context\":{}} | fhirAuthorization.expires_in",
        "scope missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":300,\"subject\":\"c\"},\"context\":{}} | fhirAuthorization.scope",
        "subject missing | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"fhirServer\":\"https://h/f\",\"fhirAuthorization\":{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"s\"},\"context\":{}} | fhirAuthorization.subject",
        "prefetch an array | {\"hook\":\"patient-view\",\"hookInstance\":\"x\",\"context\":{},\"prefetch\":[1]} | prefetch"})
    void refusesARequestThatBreaksTheSpecNamingTheField(String why, String json, String field) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOfSatisfying(CdsException.class, e -> {
                    assertThat(e.error()).isEqualTo(CdsError.INVALID_REQUEST);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.getMessage()).contains(field.substring(field.lastIndexOf('.') + 1));
                });
    }

    @Test
    void refusesMalformedJsonAndNonObjects() {
        for (String body : new String[] {"{not json", "[1,2]", "\"text\"", ""}) {
            assertThatThrownBy(() -> read(body)).isInstanceOfSatisfying(CdsException.class,
                    e -> assertThat(e.error()).isEqualTo(CdsError.MALFORMED_JSON));
        }
    }

    @Test
    void refusesAnotherHookThanTheServicesWithItsOwnError() {
        assertThatThrownBy(() -> read(VALID.replace("\"hook\":\"patient-view\"", "\"hook\":\"order-sign\"")))
                .isInstanceOfSatisfying(CdsException.class, e -> {
                    assertThat(e.error()).isEqualTo(CdsError.HOOK_MISMATCH);
                    assertThat(e.field()).isEqualTo("hook");
                });
    }
}
