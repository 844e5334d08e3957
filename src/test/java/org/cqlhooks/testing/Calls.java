package org.cqlhooks.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Ready service calls for the security tests. */
public final class Calls {

    public static final String NTX_SERVICE = "/cds-services/naltrexone-opioid-safety";

    private Calls() {
    }

    /**
     * A naltrexone-opioid-safety request whose prefetch holds low-dose naltrexone and an active oxycodone order:
     * answered with the NTX-OPIOID card. {@code patientName} goes into the resources' subject display.
     */
    public static ObjectNode naltrexoneWithOpioid(String patientId, String patientName) {
        ObjectNode request = Requests.patientView(patientId);
        ObjectNode prefetch = request.putObject("prefetch");
        try {
            prefetch.set("medicationRequests", Requests.JSON.readTree("""
                    {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":
                     "MedicationRequest","id":"oxy","status":"active","intent":"order",
                     "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm",
                     "code":"1049621"}]},"subject":{"reference":"Patient/%s","display":"%s"}}}]}"""
                    .formatted(patientId, patientName)));
            prefetch.set("medicationStatements", Requests.JSON.readTree("""
                    {"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":
                     "MedicationStatement","id":"ldn","status":"active","medicationCodeableConcept":{"text":"LDN 4.5 mg"},
                     "subject":{"reference":"Patient/%s","display":"%s"}}}]}""".formatted(patientId, patientName)));
            prefetch.set("medicationDispenses", Requests.JSON.readTree(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"));
            prefetch.set("urineDrugScreens", Requests.JSON.readTree(
                    "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return request;
    }
}
