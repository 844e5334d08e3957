package org.cqlhooks.cql;

import java.util.List;
import org.opencds.cqf.cql.engine.data.ExternalFunctionProvider;

/**
 * The CQL {@code external} function {@code "Record Text"(text String) returns String}: marks text from the record
 * where it enters card text (see {@link RecordText}). Stateless, shared by all evaluations.
 */
final class RecordTextFunction implements ExternalFunctionProvider {

    static final String NAME = "Record Text";
    static final RecordTextFunction INSTANCE = new RecordTextFunction();

    private RecordTextFunction() {
    }

    @Override
    public Object evaluate(String name, List<Object> arguments) {
        if (!NAME.equals(name) || arguments == null || arguments.size() != 1) {
            throw new IllegalArgumentException("No external function " + name + " with these arguments");
        }
        Object text = arguments.get(0);
        return text == null ? null : RecordText.mark(text.toString());
    }
}
