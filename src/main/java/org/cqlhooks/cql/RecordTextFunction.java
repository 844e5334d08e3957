package org.cqlhooks.cql;

import java.util.List;
import org.cqframework.cql.cql2elm.model.CompiledLibrary;
import org.hl7.elm.r1.FunctionDef;
import org.opencds.cqf.cql.engine.data.ExternalFunctionProvider;
import org.opencds.cqf.cql.engine.execution.Environment;

/**
 * The CQL {@code external} function {@code "Record Text"(text String) returns String}: marks text from the record
 * where it enters card text (see {@link RecordText}). Stateless, shared by all evaluations.
 */
public final class RecordTextFunction implements ExternalFunctionProvider {

    static final String NAME = "Record Text";
    static final RecordTextFunction INSTANCE = new RecordTextFunction();

    private RecordTextFunction() {
    }

    /**
     * Gives the function to every library compiled in this environment's library manager that declares an external
     * function (an engine built by another library, such as the reference engine of content packages).
     */
    public static void registerOn(Environment environment) {
        for (CompiledLibrary compiled : environment.getLibraryManager().getCompiledLibraries().values()) {
            if (declaresExternals(compiled)) {
                environment.registerExternalFunctionProvider(compiled.getIdentifier(), INSTANCE);
            }
        }
    }

    static boolean declaresExternals(CompiledLibrary compiled) {
        var statements = compiled.getLibrary().getStatements();
        return statements != null && statements.getDef().stream()
                .anyMatch(def -> def instanceof FunctionDef f && Boolean.TRUE.equals(f.isExternal()));
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
