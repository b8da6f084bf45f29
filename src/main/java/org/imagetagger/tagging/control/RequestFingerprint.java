package org.imagetagger.tagging.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Names the question an image was asked: model, full prompt (context, language and tag count included) and
 * the allowed tags. Two answers with the same fingerprint came from the same question; an image whose
 * fingerprint differs from its folder's current one is stale.
 */
public final class RequestFingerprint {

    /** Hex characters kept of the SHA-256: collisions among a library's few questions are out of reach. */
    static final int LENGTH = 16;

    private RequestFingerprint() {
    }

    public static String of(String model, String prompt, List<String> allowedTags) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        // Separators that cannot occur in a model name or a tag, so that no two questions run together.
        String question = model + '\u0000' + prompt + '\u0000' + String.join("\u0001", allowedTags);
        return HexFormat.of().formatHex(sha.digest(question.getBytes(StandardCharsets.UTF_8))).substring(0, LENGTH);
    }
}
