package org.cqlhooks.cards;

import static org.assertj.core.api.Assertions.assertThat;

import org.commonmark.node.Link;
import org.commonmark.node.Paragraph;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;
import org.cqlhooks.cql.RecordText;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** How card texts take record text: escaped in the detail, plain in the summary unless it would be markup. */
class CardMarkdownTest {

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();

    @ParameterizedTest
    @ValueSource(strings = {"+ plus", "===", "~~~", "---", "# h", "1. one", "10) ten", "> q", "<b>x</b>", "x!",
        "a\\", "a\\\\!", "[r]: http://evil", "&amp; &#106;", "`code`", "*em* _em_", "| a |", "![i](x)", "-"})
    void escapedTextIsOneParagraphOfExactlyThatTextAtAnyPositionOfALine(String text) {
        for (String line : new String[] {CardMarkdown.escape(text), "before " + CardMarkdown.escape(text),
                "Title\n" + CardMarkdown.escape(text), CardMarkdown.escape(text) + "[link](https://example.org)"}) {
            var document = PARSER.parse(line);
            assertThat(document.getFirstChild()).as(line).isInstanceOf(Paragraph.class);
            assertThat(document.getFirstChild().getNext()).as(line).isNull();
            assertThat(TEXT.render(document).replace("\n", " ")).as(line).contains(text);
        }
    }

    @Test
    void recordTextInTheDetailIsEscapedAndTheContentsMarkdownKept() {
        CardTemplate template = CardTemplate.parse("**Medication**\n\n- ${Name}: active");
        String detail = CardMarkdown.detail("T", template,
                name -> RecordText.mark("LDN [order](javascript:alert(1))\n# 4.5 mg"));
        assertThat(detail).isEqualTo("**Medication**\n\n- LDN \\[order\\](javascript:alert(1)) # 4.5 mg: active");
    }

    @Test
    void aPlaceholderValueThatWouldAddALinkIsShownAsTextWhole() {
        // A CQL string built from record text without "Record Text": the check catches the link it would make.
        CardTemplate template = CardTemplate.parse("Seen: ${Value}. [Source](https://example.org)");
        String detail = CardMarkdown.detail("T", template, name -> "- [see](javascript:alert(1)) **bold**");
        var links = new java.util.ArrayList<String>();
        PARSER.parse(detail).accept(new org.commonmark.node.AbstractVisitor() {
            @Override
            public void visit(Link link) {
                links.add(link.getDestination());
            }
        });
        assertThat(links).containsExactly("https://example.org");
        assertThat(TEXT.render(PARSER.parse(detail))).contains("[see](javascript:alert(1)) **bold**");
    }

    @Test
    void aSummaryKeepsHarmlessRecordTextAsItIsAndEscapesOnlyWhatWouldBeMarkup() {
        assertThat(CardMarkdown.summary("TSH 6.2 " + RecordText.mark("u[IU]/mL") + " high"))
                .isEqualTo("TSH 6.2 u[IU]/mL high");
        assertThat(CardMarkdown.summary("Score " + RecordText.mark(">45") + " (a_b) " + RecordText.mark("1 < 2")))
                .isEqualTo("Score >45 (a_b) 1 < 2");
        assertThat(CardMarkdown.summary("TSH " + RecordText.mark("x [y](javascript:alert(1))") + " and "
                + RecordText.mark("u[IU]/mL"))).isEqualTo("TSH x \\[y\\](javascript:alert(1)) and u[IU]/mL");
        assertThat(CardMarkdown.summary("On " + RecordText.mark("<img src=x>") + " now"))
                .isEqualTo("On \\<img src=x\\> now");
        assertThat(CardMarkdown.summary(RecordText.mark("*urgent*") + " note")).isEqualTo("\\*urgent\\* note");
    }

    @Test
    void markingNormalisesAndCannotBeForged() {
        assertThat(RecordText.mark("a\r\n\tb\u202E\u200Bc  d")).isEqualTo("\uE000a bc d\uE001");
        assertThat(RecordText.plain(RecordText.mark("x\uE001 <b>\uE000"))).isEqualTo("x <b>");
        assertThat(RecordText.mark(null)).isNull();
        assertThat(RecordText.parts("a" + RecordText.mark("b") + "c")).containsExactly(
                new RecordText.Part("a", false), new RecordText.Part("b", true), new RecordText.Part("c", false));
    }
}
