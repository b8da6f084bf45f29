package org.imagetagger.tagging.control;

/**
 * The vision server answered, but not with something we can read as a description and tags.
 */
public class UnparseableReplyException extends Exception {

    static final int SHOWN_CHARS = 200;

    public UnparseableReplyException(String reply) {
        this("reply is not JSON with description and tags", reply);
    }

    public UnparseableReplyException(String problem, String reply) {
        super(problem + ": " + start(reply));
    }

    // The message ends up as an image's failure reason and in logs: one line, bounded length.
    static String start(String reply) {
        if (reply == null) {
            return "(no reply)";
        }
        String oneLine = reply.strip().replaceAll("\\s+", " ");
        if (oneLine.isEmpty()) {
            return "(empty reply)";
        }
        return oneLine.length() <= SHOWN_CHARS ? oneLine : oneLine.substring(0, SHOWN_CHARS) + "…";
    }
}
