package org.imagetagger.tagging.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One vision server of {@code tagger.vision.url} and how many requests it takes at once. A URL may end in
 * {@code #N} (e.g. {@code http://gpu1:11434#4}) to give that server its own limit, as its
 * {@code OLLAMA_NUM_PARALLEL}; servers without one share what is left of {@code tagger.vision.concurrency}.
 */
public record ServerAddress(String baseUrl, int parallel) {

    public static List<ServerAddress> parseAll(List<String> urls, int totalConcurrency) {
        List<String> bases = new ArrayList<>();
        List<Integer> limits = new ArrayList<>();
        for (String url : urls) {
            int hash = url.lastIndexOf('#');
            bases.add(stripSlash(hash < 0 ? url : url.substring(0, hash)));
            limits.add(hash < 0 ? null : parseLimit(url, url.substring(hash + 1)));
        }
        int fixed = limits.stream().filter(l -> l != null).mapToInt(Integer::intValue).sum();
        long open = limits.stream().filter(l -> l == null).count();
        int share = open == 0 ? 0 : (int) Math.max(1, Math.ceil((totalConcurrency - fixed) / (double) open));
        List<ServerAddress> addresses = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            addresses.add(new ServerAddress(bases.get(i), limits.get(i) == null ? share : limits.get(i)));
        }
        return List.copyOf(addresses);
    }

    /** An http(s) URL with a host, no query or credentials; the only fragment is the server's own limit (#N). */
    public static boolean isServerUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawQuery() == null && uri.getRawUserInfo() == null
                    && (uri.getRawFragment() == null || uri.getRawFragment().matches("[1-9][0-9]{0,3}"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int parseLimit(String url, String limit) {
        try {
            int parsed = Integer.parseInt(limit.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("vision server " + url + ": the part after # must be a number of parallel requests ≥ 1");
    }

    private static String stripSlash(String url) {
        String trimmed = url.strip();
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
