package org.cqlhooks.catalog;

import java.util.List;
import org.cqlhooks.wire.Coding;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every card offers unless its hooks/*.json entry says otherwise.
 *
 * @param overrideReasons the default override reasons (2.0.1 "overrideReasons": Codings with a display), offered by
 *     each card that declares none of its own; checked at start-up like the cards' own
 */
@ConfigurationProperties("cds.cards")
public record CardProperties(@DefaultValue List<Coding> overrideReasons) {
}
