package org.imagetagger.tagging.control;

import org.imagetagger.platform.Jsons;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.imagetagger.tagging.entity.VisionReply;

/**
 * Reads a description and tags out of a model's answer. Structured output makes most answers clean
 * JSON, but models that ignore the schema wrap it in fences or prose, think aloud first, or pick
 * their own key names; all of those still carry a usable answer.
 */
public class ReplyParser {

    private static final List<String> DESCRIPTION_KEYS = List.of("description", "caption", "summary");
    private static final List<String> TAG_KEYS = List.of("tags", "keywords", "labels");
    private static final List<String> TAG_OBJECT_KEYS = List.of("name", "tag", "label", "keyword");
    // Reasoning may hold drafts of the answer; only the final answer counts.
    private static final List<String> REASONING_KEYS = List.of("thinking", "reasoning", "thoughts");
    private static final Pattern THINK_BLOCK =
            Pattern.compile("<(think|thinking)>.*?</\\1>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern THINK_END = Pattern.compile("</think(ing)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG_SEPARATORS = Pattern.compile("[,;\\n]");
    // A reply wrapping the answer as a JSON string inside JSON is unwrapped this many times at most.
    private static final int MAX_NESTING = 2;

    public VisionReply parse(String content) throws UnparseableReplyException {
        if (content == null || content.isBlank()) {
            throw new UnparseableReplyException(content);
        }
        return parse(content, 0).orElseThrow(() -> new UnparseableReplyException(content));
    }

    private Optional<VisionReply> parse(String content, int nesting) {
        String text = withoutThinking(content).strip();
        if (text.startsWith("\"")) {
            Optional<String> unquoted = jsonString(text);
            if (unquoted.isPresent() && nesting < MAX_NESTING) {
                return parse(unquoted.get(), nesting + 1);
            }
        }
        for (int start = text.indexOf('{'); start >= 0; start = text.indexOf('{', start + 1)) {
            int end = endOfObject(text, start);
            if (end < 0) {
                // Unbalanced from here on: a later '{' may still start a complete object.
                continue;
            }
            Optional<VisionReply> reply = jsonObject(text.substring(start, end + 1))
                    .flatMap(object -> interpret(object, nesting));
            if (reply.isPresent()) {
                return reply;
            }
        }
        return Optional.empty();
    }

    static String withoutThinking(String content) {
        String text = THINK_BLOCK.matcher(content).replaceAll("");
        // Some chat templates emit the opening tag themselves, so only the closing one reaches us.
        var end = THINK_END.matcher(text);
        int afterLast = -1;
        while (end.find()) {
            afterLast = end.end();
        }
        return afterLast < 0 ? text : text.substring(afterLast);
    }

    /** Index of the brace closing the object opened at {@code start}, or -1; braces in strings don't count. */
    static int endOfObject(String text, int start) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static Optional<JsonObject> jsonObject(String candidate) {
        try (var reader = Jsons.createReader(new StringReader(candidate))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException strict) {
            String repaired = withoutTrailingCommas(candidate);
            if (repaired.equals(candidate)) {
                return Optional.empty();
            }
            try (var reader = Jsons.createReader(new StringReader(repaired))) {
                return Optional.of(reader.readObject());
            } catch (JsonException | IllegalStateException stillBroken) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> jsonString(String candidate) {
        try (var reader = Jsons.createReader(new StringReader(candidate))) {
            JsonValue value = reader.readValue();
            return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
        } catch (JsonException | IllegalStateException notAString) {
            return Optional.empty();
        }
    }

    // Small models often leave a comma before a closing bracket; that is the only repair worth making.
    static String withoutTrailingCommas(String json) {
        var out = new StringBuilder(json.length());
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == ',' && nextNonBlankCloses(json, i + 1)) {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean nextNonBlankCloses(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '}' || c == ']';
            }
        }
        return false;
    }

    private Optional<VisionReply> interpret(JsonObject object, int nesting) {
        Map<String, JsonValue> byKey = byLowerCaseKey(object);
        String description = description(byKey);
        List<String> tags = tags(byKey);
        if (!description.isEmpty() || !tags.isEmpty()) {
            return Optional.of(new VisionReply(description, tags));
        }
        // e.g. {"response": "{\"description\": ...}"}: the answer as a JSON string in an envelope.
        if (nesting < MAX_NESTING) {
            for (var entry : object.entrySet()) {
                if (entry.getValue() instanceof JsonString string
                        && !REASONING_KEYS.contains(entry.getKey().toLowerCase(Locale.ROOT))) {
                    Optional<VisionReply> inner = parse(string.getString(), nesting + 1);
                    if (inner.isPresent()) {
                        return inner;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Map<String, JsonValue> byLowerCaseKey(JsonObject object) {
        Map<String, JsonValue> byKey = new HashMap<>();
        object.forEach((key, value) -> byKey.putIfAbsent(key.toLowerCase(Locale.ROOT), value));
        return byKey;
    }

    private static String description(Map<String, JsonValue> byKey) {
        for (String key : DESCRIPTION_KEYS) {
            if (byKey.get(key) instanceof JsonString string && !string.getString().isBlank()) {
                return string.getString().strip();
            }
        }
        return "";
    }

    private static List<String> tags(Map<String, JsonValue> byKey) {
        for (String key : TAG_KEYS) {
            List<String> tags = tagsIn(byKey.get(key));
            if (!tags.isEmpty()) {
                return tags;
            }
        }
        return List.of();
    }

    private static List<String> tagsIn(JsonValue value) {
        List<String> tags = new ArrayList<>();
        if (value instanceof JsonString string) {
            for (String part : TAG_SEPARATORS.split(string.getString())) {
                add(tags, part);
            }
        } else if (value instanceof JsonArray array) {
            for (JsonValue element : array) {
                if (element instanceof JsonString string) {
                    add(tags, string.getString());
                } else if (element instanceof JsonObject object) {
                    add(tags, nameOf(object));
                } else if (element.getValueType() == JsonValue.ValueType.NUMBER) {
                    add(tags, element.toString());
                }
            }
        }
        return tags;
    }

    private static String nameOf(JsonObject tag) {
        Map<String, JsonValue> byKey = byLowerCaseKey(tag);
        for (String key : TAG_OBJECT_KEYS) {
            if (byKey.get(key) instanceof JsonString name) {
                return name.getString();
            }
        }
        return null;
    }

    private static void add(List<String> tags, String tag) {
        if (tag != null && !tag.isBlank()) {
            tags.add(tag.strip());
        }
    }
}
