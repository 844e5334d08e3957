package org.cqlhooks.catalog;

import java.util.List;

/** Collects each failed requirement of a content file, naming the file and the field; returns whether it held. */
record Problems(String file, List<String> sink) {

    boolean require(boolean ok, String field, String message) {
        if (!ok) {
            sink.add(file + ": " + field + ": " + message);
        }
        return ok;
    }
}
