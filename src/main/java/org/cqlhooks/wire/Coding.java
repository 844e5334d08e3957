package org.cqlhooks.wire;

/** 2.0.1 "Data Types": Coding. */
public record Coding(String system, String code, String display) {
}
