package org.cqlhooks.catalog;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.cqframework.cql.cql2elm.tracking.Trackable;
import org.cqlhooks.cards.CardTemplate;
import org.cqlhooks.cards.CompiledCard.CardText;
import org.cqlhooks.cards.CompiledCard;
import org.cqlhooks.content.CardRule.SourceRule;
import org.cqlhooks.content.CardRule;
import org.cqlhooks.content.ServiceDefinition;
import org.cqlhooks.cql.CqlLibraries;
import org.cqlhooks.prefetch.PrefetchTemplate;
import org.cqlhooks.wire.Card;
import org.cqlhooks.wire.Coding;
import org.cqlhooks.wire.Hooks;
import org.cqlhooks.wire.Link;
import org.cqlhooks.wire.Source;
import org.hl7.elm.r1.ExpressionDef;
import org.hl7.elm.r1.Literal;

/**
 * Checks one service definition field by field and compiles its cards. Every problem is collected (the start then
 * fails once, listing them all); a card with a problem is left out, and checks that depend on a broken part (a
 * library that did not translate, a missing condition) are skipped rather than reported twice.
 */
final class ServiceDefinitionCheck {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final CqlLibraries libraries;
    private final List<String> problems;
    private final List<Coding> defaultReasons;

    /** {@code defaultReasons}: offered by cards that declare no override reasons of their own. */
    ServiceDefinitionCheck(CqlLibraries libraries, List<Coding> defaultReasons, List<String> problems) {
        this.libraries = libraries;
        this.problems = problems;
        this.defaultReasons = List.copyOf(defaultReasons);
        OverrideReasonsCheck.check(new Problems("configuration", problems), "cds.cards.override-reasons",
                this.defaultReasons);
    }

    List<CompiledCard> check(String file, ServiceDefinition d, CardFiles cardFiles) {
        Problems p = new Problems("hooks/" + file, problems);
        p.require(d.id() != null && ID.matcher(d.id()).matches(), "id", "required: letters, digits, '.', '_', '-'");
        p.require(file.equals(d.id() + ".json"), "id", "must match the file name (" + file + ")");
        boolean hook = p.require(d.hook() != null && Hooks.find(d.hook()).isPresent(), "hook",
                "required, one of " + Hooks.names());
        p.require(notBlank(d.description()), "description", "required");
        p.require(notBlank(d.title()), "title", "required");
        if (hook) {
            checkPrefetch(p, d);
        }
        if (d.isComposite() && d.libraries() == null && d.cards() == null) {
            return List.of();
        }
        if (!p.require(d.libraries() != null && !d.libraries().isEmpty(), "libraries",
                "name at least one CQL library")) {
            return List.of();
        }
        for (int i = 0; i < d.libraries().size(); i++) {
            String name = d.libraries().get(i);
            p.require(libraries.find(name).isPresent() || libraries.failed(name), "libraries[" + i + "]",
                    "no CQL library '" + name + "' in cql/");
        }
        List<Written> written = written(p, d, cardFiles);
        if (!p.require(!written.isEmpty(), "cards",
                "declare at least one card, here or in hooks/cards/<library>.json of a library it runs")) {
            return List.of();
        }
        List<CompiledCard> cards = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Written w : written) {
            CardRule rule = w.rule();
            w.problems().require(rule.id() == null || ids.add(rule.id()), w.at() + ".id",
                    "card ID '" + rule.id() + "' appears twice in service '" + d.id() + "'");
            CompiledCard card = checkCard(w.problems(), w.at(), d, rule);
            if (card != null) {
                cards.add(card);
            }
        }
        return cards;
    }

    /** The service's card rules: its own, then those of the card file of each library it runs, library named. */
    static List<CardRule> rules(ServiceDefinition d, CardFiles cardFiles) {
        return written(new Problems("", new ArrayList<>()), d, cardFiles).stream().map(Written::rule).toList();
    }

    /** A card rule and where it is written, for messages. */
    private record Written(Problems problems, String at, CardRule rule) {
    }

    private static List<Written> written(Problems own, ServiceDefinition d, CardFiles cardFiles) {
        List<Written> written = new ArrayList<>();
        List<CardRule> inline = d.cards() == null ? List.of() : d.cards();
        for (int i = 0; i < inline.size(); i++) {
            written.add(new Written(own, "cards[" + i + "]", inline.get(i)));
        }
        for (String library : d.libraries() == null ? List.<String>of() : d.libraries()) {
            cardFiles.of(library).ifPresent(placed -> {
                Problems p = new Problems(placed.path(), own.sink());
                List<CardRule> rules = placed.file().cards();
                for (int i = 0; i < rules.size(); i++) {
                    written.add(new Written(p, "cards[" + i + "]", rules.get(i).inLibrary(library)));
                }
            });
        }
        return written;
    }

    /**
     * A service that includes others: each must exist, be on the same hook and include nothing itself; the prefetch
     * templates merge (one key, one template) and card IDs stay unique. Returns the merged definition.
     */
    ServiceDefinition merge(String file, ServiceDefinition d, List<CompiledCard> ownCards,
            Function<String, CdsService> lookup, List<CompiledCard> cardsOut) {
        Problems p = new Problems("hooks/" + file, problems);
        Map<String, String> prefetch = new LinkedHashMap<>(d.prefetch() == null ? Map.of() : d.prefetch());
        List<String> libs = new ArrayList<>(d.libraries() == null ? List.of() : d.libraries());
        List<CardRule> rules = new ArrayList<>(d.cards() == null ? List.of() : d.cards());
        cardsOut.addAll(ownCards);
        for (int i = 0; i < d.includes().size(); i++) {
            String at = "includes[" + i + "]";
            CdsService included = lookup.apply(d.includes().get(i));
            if (!p.require(included != null, at, "no service '" + d.includes().get(i) + "' to include")
                    || !p.require(!included.definition().isComposite(), at,
                            "'" + included.id() + "' includes others itself")
                    || !p.require(included.hook().equals(d.hook()), at, "'" + included.id() + "' is on another hook")) {
                continue;
            }
            for (Map.Entry<String, String> t : included.prefetch().entrySet()) {
                String mine = prefetch.putIfAbsent(t.getKey(), t.getValue());
                p.require(mine == null || mine.equals(t.getValue()), at, "prefetch key '" + t.getKey()
                        + "' has another template in '" + included.id() + "'");
            }
            included.definition().libraries().stream().filter(l -> !libs.contains(l)).forEach(libs::add);
            rules.addAll(included.definition().cards());
            cardsOut.addAll(included.cards());
        }
        Set<String> ids = new HashSet<>();
        for (CompiledCard card : cardsOut) {
            p.require(ids.add(card.id()), "includes", "card ID '" + card.id() + "' comes from two services");
        }
        return new ServiceDefinition(d.id(), d.hook(), d.title(), d.description(), d.usageRequirements(), prefetch,
                libs, rules, d.includes());
    }

    private static void checkPrefetch(Problems p, ServiceDefinition d) {
        Hooks.Hook hook = Hooks.find(d.hook()).orElseThrow();
        for (Map.Entry<String, String> entry : (d.prefetch() == null ? Map.<String, String>of() : d.prefetch()).entrySet()) {
            String field = "prefetch." + entry.getKey();
            if (!p.require(notBlank(entry.getValue()), field, "template is empty")) {
                continue;
            }
            p.require(!entry.getValue().startsWith("/") && !entry.getValue().contains("://"), field,
                    "must be a relative FHIR query such as Observation?patient={{context.patientId}}");
            for (String token : PrefetchTemplate.tokens(entry.getValue())) {
                boolean known = PrefetchTemplate.USER_TOKENS.containsKey(token)
                        || (token.startsWith("context.") && hook.tokens().contains(token.substring(8)));
                p.require(known, field, "token {{" + token + "}} is not a prefetch token of " + d.hook());
            }
        }
    }

    /** The compiled card, or null when the rule has a problem (each one is reported). */
    private CompiledCard checkCard(Problems p, String at, ServiceDefinition d, CardRule rule) {
        int before = problems.size();
        p.require(rule.id() != null && ID.matcher(rule.id()).matches(), at + ".id", "required card ID");
        p.require(notBlank(rule.title()), at + ".title", "required");
        String library = rule.library() != null ? rule.library()
                : d.libraries().size() == 1 ? d.libraries().get(0) : null;
        if (!p.require(library != null, at + ".library", "required when the service runs several libraries")
                || !p.require(d.libraries().contains(library), at + ".library", "'" + library + "' is not in libraries")
                || libraries.find(library).isEmpty()) {
            // A library that is missing or did not translate is reported once, above; its cards are not checked.
            return null;
        }
        if (p.require(notBlank(rule.when()), at + ".when", "required: the Boolean definition that fires the card")) {
            ExpressionDef when = libraries.expression(library, rule.when()).orElse(null);
            if (p.require(when != null, at + ".when", "no definition \"" + rule.when() + "\" in library " + library)) {
                String type = String.valueOf(Trackable.INSTANCE.getResultType(when));
                p.require(type.equals("System.Boolean"), at + ".when", "\"" + rule.when() + "\" is " + type
                        + ", not Boolean");
            }
        }
        p.require(notBlank(rule.indicator()), at + ".indicator", "required");
        p.require(notBlank(rule.summary()), at + ".summary", "required");
        p.require(notBlank(rule.evidence()), at + ".evidence", "required: the evidence label");
        SourceRule source = rule.source();
        if (p.require(source != null && notBlank(source.label()), at + ".source.label", "required")) {
            p.require(source.url() == null || isWebUrl(source.url()), at + ".source.url",
                    "must be an absolute http(s) URL");
        }
        List<Link> links = rule.links() == null ? List.of() : rule.links();
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            String l = at + ".links[" + i + "]";
            p.require(notBlank(link.label()), l + ".label", "required");
            p.require(isWebUrl(link.url()), l + ".url", "must be an absolute http(s) URL");
            p.require("absolute".equals(link.type()) || "smart".equals(link.type()), l + ".type",
                    "must be absolute or smart");
        }
        checkPlaceholders(p, at, library, rule);
        p.require(rule.summary() == null || literalLength(rule.summary()) < Card.SUMMARY_LIMIT, at + ".summary",
                "must stay under " + Card.SUMMARY_LIMIT + " characters");
        List<Coding> reasons = rule.overrideReasons() == null ? defaultReasons : rule.overrideReasons();
        if (rule.overrideReasons() != null) { // the default set is checked once, in the constructor
            OverrideReasonsCheck.check(p, at + ".overrideReasons", reasons);
        }
        if (problems.size() > before) {
            return null;
        }
        CompiledCard card = new CompiledCard(
                new CardText(rule.id(), rule.title(), rule.indicator(), rule.summary(), rule.detail(), rule.evidence(),
                        rule.evidenceResources()),
                library, rule.when(), new Source(source.label(), source.url(), source.icon(), null),
                links, reasons);
        p.require(!card.hasLiteralIndicator() || card.literalIndicator().isPresent(), at + ".indicator",
                "must be info, warning or critical (or a ${definition} yielding one)");
        if (rule.evidenceResources() != null) {
            ExpressionDef records = libraries.expression(library, rule.evidenceResources()).orElse(null);
            if (p.require(records != null, at + ".evidenceResources", "no definition \"" + rule.evidenceResources()
                    + "\" in library " + library)) {
                String listType = String.valueOf(Trackable.INSTANCE.getResultType(records));
                p.require(listType.startsWith("list<"), at + ".evidenceResources", "\"" + rule.evidenceResources()
                        + "\" is " + listType + ", not a list of Type/id strings");
            }
        }
        return problems.size() > before ? null : card;
    }

    /** Each {@code ${name}} of the card's texts names a definition, or a parameter with a plain default. */
    private void checkPlaceholders(Problems p, String at, String library, CardRule rule) {
        Set<String> names = new LinkedHashSet<>();
        for (String text : new String[] {rule.indicator(), rule.summary(), rule.detail(), rule.evidence()}) {
            names.addAll(CardTemplate.parse(text).references());
        }
        for (String name : names) {
            if (libraries.expression(library, name).isPresent()) {
                continue;
            }
            var parameter = libraries.parameter(library, name);
            if (p.require(parameter.isPresent(), at, "placeholder ${" + name
                    + "} names no definition or parameter in library " + library)) {
                p.require(parameter.get().getDefault() instanceof Literal, at, "placeholder ${" + name
                        + "} names a parameter whose default is not a plain value: show it through a define");
            }
        }
    }

    private static int literalLength(String template) {
        return template.replaceAll("\\$\\{[^}]+}", "").length();
    }

    private static boolean isWebUrl(String url) {
        try {
            URI uri = URI.create(url);
            return uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
