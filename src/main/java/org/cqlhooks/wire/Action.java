package org.cqlhooks.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** 2.0.1 "Action": type (create, update, delete), description, resource or resourceId. */
public record Action(String type, String description, JsonNode resource, String resourceId) {
}
