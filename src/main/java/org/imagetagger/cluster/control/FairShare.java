package org.imagetagger.cluster.control;

import java.util.List;

/** How many of a limit's slots each of the servers that want them may hold: equal parts, the rest to the first ones. */
final class FairShare {

    private FairShare() {
    }

    /** The share of {@code member} among {@code wanting} (in a fixed order); 0 for a member that does not want any. */
    static int of(int total, List<String> wanting, String member) {
        int rank = wanting.indexOf(member);
        if (rank < 0 || total <= 0) {
            return 0;
        }
        int members = wanting.size();
        return total / members + (rank < total % members ? 1 : 0);
    }
}
