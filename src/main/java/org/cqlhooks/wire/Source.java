package org.cqlhooks.wire;

/** 2.0.1 "Source": label required; url, icon and topic optional. */
public record Source(String label, String url, String icon, Coding topic) {
}
