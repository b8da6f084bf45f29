package org.imagetagger.tagging.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imagetagger.tagging.entity.VisionReply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ReplyParserTest {

    private static final VisionReply CAT = new VisionReply("A cat on a sofa.", List.of("cat", "sofa"));

    private final ReplyParser parser = new ReplyParser();

    @Test
    void cleanJson() throws Exception {
        assertEquals(CAT, parser.parse("{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}"));
    }

    @Test
    void jsonInPlainFence() throws Exception {
        assertEquals(CAT, parser.parse("```\n{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}\n```"));
    }

    @Test
    void jsonInJsonFenceWithProseAround() throws Exception {
        String reply = """
                Sure! Here is the JSON you asked for:
                ```json
                {
                  "description": "A cat on a sofa.",
                  "tags": ["cat", "sofa"]
                }
                ```
                Let me know if you need anything else.""";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void extraKeysAreIgnored() throws Exception {
        String reply = "{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"], "
                + "\"confidence\": 0.93, \"objects\": [{\"name\": \"cat\", \"box\": [1, 2, 3, 4]}]}";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void proseBeforeAndAfterWithoutFence() throws Exception {
        String reply = "The image shows a cat. {\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}"
                + " I hope this helps.";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void bracesInProseBeforeTheObjectAreSkipped() throws Exception {
        String reply = "Format {description, tags} as requested { not json either\n"
                + "{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void bracesAndEscapedQuotesInsideStrings() throws Exception {
        String reply = "{\"description\": \"A sign saying \\\"{open}\\\" and a } brace\", \"tags\": [\"sign\", \"{x}\"]}";
        VisionReply parsed = parser.parse(reply);
        assertEquals("A sign saying \"{open}\" and a } brace", parsed.description());
        assertEquals(List.of("sign", "{x}"), parsed.tags());
    }

    @Test
    void thinkBlockIsStripped() throws Exception {
        String reply = """
                <think>
                The user wants JSON. Draft: {"description": "draft", "tags": ["draft"]}
                </think>
                {"description": "A cat on a sofa.", "tags": ["cat", "sofa"]}""";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void thinkingWithoutOpeningTag() throws Exception {
        String reply = "Okay, a draft {\"description\": \"draft\", \"tags\": [\"draft\"]}</think>\n\n"
                + "{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void replyObjectWithThinkingField() throws Exception {
        String reply = "{\"thinking\": \"I see a cat {\\\"tags\\\": [\\\"draft\\\"]} on a sofa\", "
                + "\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void answerAsJsonStringInsideAnEnvelope() throws Exception {
        String reply = "{\"thinking\": \"{\\\"description\\\": \\\"draft\\\"}\", "
                + "\"response\": \"{\\\"description\\\": \\\"A cat on a sofa.\\\", \\\"tags\\\": [\\\"cat\\\", \\\"sofa\\\"]}\"}";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void answerDoubleEncodedAsJsonString() throws Exception {
        String reply = "\"{\\\"description\\\": \\\"A cat on a sofa.\\\", \\\"tags\\\": [\\\"cat\\\", \\\"sofa\\\"]}\"";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void answerNestedInAnotherObject() throws Exception {
        String reply = "{\"result\": {\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}}";
        assertEquals(CAT, parser.parse(reply));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keywords", "labels", "Tags", "KEYWORDS"})
    void tagKeyVariants(String key) throws Exception {
        assertEquals(CAT, parser.parse("{\"description\": \"A cat on a sofa.\", \"" + key + "\": [\"cat\", \"sofa\"]}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"caption", "summary", "Description", "CAPTION"})
    void descriptionKeyVariants(String key) throws Exception {
        assertEquals(CAT, parser.parse("{\"" + key + "\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\"]}"));
    }

    @Test
    void tagsAsOneCommaSeparatedString() throws Exception {
        assertEquals(CAT, parser.parse("{\"description\": \"A cat on a sofa.\", \"tags\": \"cat, sofa\"}"));
    }

    @Test
    void tagsAsObjects() throws Exception {
        String reply = "{\"description\": \"A cat on a sofa.\", \"tags\": [{\"name\": \"cat\", \"confidence\": 0.9}, "
                + "{\"tag\": \"sofa\"}, {\"score\": 1}]}";
        assertEquals(CAT, parser.parse(reply));
    }

    @Test
    void blankTagsAreDroppedAndTagsTrimmed() throws Exception {
        VisionReply parsed = parser.parse("{\"description\": \"x\", \"tags\": [\" cat \", \"\", \"  \", null, 42]}");
        assertEquals(List.of("cat", "42"), parsed.tags());
    }

    @Test
    void descriptionMayBeMissingWhenTagsExist() throws Exception {
        assertEquals(new VisionReply("", List.of("cat", "sofa")), parser.parse("{\"tags\": [\"cat\", \"sofa\"]}"));
    }

    @Test
    void tagsMayBeEmptyWhenDescriptionExists() throws Exception {
        assertEquals(new VisionReply("A blank wall.", List.of()),
                parser.parse("{\"description\": \" A blank wall. \", \"tags\": []}"));
    }

    @Test
    void trailingCommasAreForgiven() throws Exception {
        assertEquals(CAT, parser.parse("{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\", \"sofa\",],}"));
    }

    @Test
    void commaInsideStringIsNotTakenForTrailingComma() throws Exception {
        VisionReply parsed = parser.parse("{\"description\": \"a, }\", \"tags\": [\"x,]\",]}");
        assertEquals("a, }", parsed.description());
        assertEquals(List.of("x,]"), parsed.tags());
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void nullOrBlankIsUnparseable(String reply) {
        assertThrows(UnparseableReplyException.class, () -> parser.parse(reply));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "I cannot help with that.",
        "A cat sitting on a sofa, cat, sofa",
        "{\"description\": \"\", \"tags\": []}",
        "{\"foo\": \"bar\", \"tags\": null}",
        "{\"description\": 42, \"tags\": {\"cat\": true}}",
        "{\"description\": \"A cat on a sofa.\", \"tags\": [\"cat\"",
        "[\"cat\", \"sofa\"]",
        "<think>{\"description\": \"only in thoughts\", \"tags\": [\"x\"]}</think>",
        "{\"thinking\": \"{\\\"description\\\": \\\"only in thoughts\\\"}\"}"
    })
    void repliesWithoutDescriptionOrTagsAreUnparseable(String reply) {
        assertThrows(UnparseableReplyException.class, () -> parser.parse(reply));
    }

    @Test
    void messageQuotesTheStartOfTheReply() {
        String reply = "Sorry,\n  no JSON here. " + "x".repeat(500);
        var e = assertThrows(UnparseableReplyException.class, () -> parser.parse(reply));
        assertTrue(e.getMessage().startsWith("reply is not JSON with description and tags: Sorry, no JSON here. xxx"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 300, e.getMessage());
    }
}
