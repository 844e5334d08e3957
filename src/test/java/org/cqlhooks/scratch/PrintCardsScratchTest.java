package org.cqlhooks.scratch;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.*;
import org.cqlhooks.cards.*;
import org.cqlhooks.cql.*;
import org.cqlhooks.discovery.CdsService;
import org.cqlhooks.prefetch.MedicationReferences;
import org.cqlhooks.testing.*;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.Test;

class PrintCardsScratchTest {
    @Test
    void print() {
        ZonedDateTime t = ZonedDateTime.now(ZoneOffset.UTC);
        ClinicalCase.all().forEach(c -> {
            CdsService service = TestContent.catalog().find(c.service()).orElseThrow();
            List<IBaseResource> resources = new ArrayList<>(c.resources(t));
            MedicationReferences.inline(resources);
            Map<String, Set<String>> defs = new LinkedHashMap<>();
            service.definitionsByLibrary().forEach((l, n) -> defs.put(l, new LinkedHashSet<>(n)));
            var results = TestContent.evaluator(c.parameters()).evaluate(new Evaluation(defs, c.patientId(), resources, t));
            System.out.println("##### " + c);
            results.forEach((l, r) -> { if (r.failed()) System.out.println("FAILED " + l + " " + r.failure()); });
            for (Card card : CardAssembler.assemble(service.cards(), results)) {
                System.out.println("== " + card.source().topic().code() + " [" + card.indicator() + "] " + card.summary());
                System.out.println(card.detail());
                System.out.println("ext: " + card.extension());
            }
        });
    }
}
