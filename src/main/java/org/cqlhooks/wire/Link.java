package org.cqlhooks.wire;

/** 2.0.1 "Link": label, url and type ("absolute" or "smart") required. */
public record Link(String label, String url, String type, String appContext, Boolean autolaunchable) {
}
