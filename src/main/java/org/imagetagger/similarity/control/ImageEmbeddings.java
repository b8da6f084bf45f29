package org.imagetagger.similarity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;
import org.imagetagger.tagging.control.VisionService;
import org.imagetagger.tagging.control.VisionSettings;
import org.imagetagger.tagging.entity.VisionModelMissingException;

/**
 * The embeddings of images (their description and tags) and of search texts, from the model
 * {@code tagger.embedding.model} on the vision servers. A chunk's images are embedded in one request through
 * {@link VisionService#embed} (the chat requests' slots, servers and retries). A missing model or a server that
 * cannot answer is a warning ({@link #status()}, the admin page, {@code /health/ready}), never a failed image or
 * job: those images get their embedding from a later {@code stale} scan ({@link #fillMissing}).
 */
@ApplicationScoped
public class ImageEmbeddings {

    private static final System.Logger LOG = System.getLogger(ImageEmbeddings.class.getName());
    /** Texts per request: a chunk is 10 images; a fill asks more at once. */
    static final int BATCH = 32;
    /** After the servers said the model is missing, it is asked again only after this long. */
    private static final long MISSING_RECHECK_NANOS = 30_000_000_000L;
    private static final int QUERY_CACHE = 500;

    @Inject
    VisionService vision;

    @Inject
    VisionSettings settings;

    @Inject
    EmbeddingStore store;

    @Inject
    ImageStore images;

    private volatile String missingModel;
    private volatile long missingSince;
    private volatile String problem;
    private final Map<String, float[]> queries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > QUERY_CACHE;
        }
    };

    /** Whether search by meaning can work: model on, not known to be missing; and the warning to show, if any. */
    public record Status(String model, boolean enabled, String state, String warning) {
    }

    public Status status() {
        Optional<String> model = settings.embeddingModel();
        if (model.isEmpty()) {
            return new Status("", false, "off", null);
        }
        if (model.get().equals(missingModel)) {
            return new Status(model.get(), false, "missing", "the embedding model " + model.get() + " is missing on the vision server(s)"
                    + " (Ollama: ollama pull " + model.get() + "): search by meaning falls back to words; once it is there, a scan"
                    + " in mode stale gives the images tagged meanwhile their embeddings");
        }
        return new Status(model.get(), true, problem == null ? "ok" : "degraded", problem);
    }

    /** The text embedded for an image: its description and its tags. */
    static String documentText(String description, List<String> tags) {
        String text = description == null ? "" : description.strip();
        return tags.isEmpty() ? text : text + (text.isEmpty() ? "" : "\n") + "Tags: " + String.join(", ", tags);
    }

    /** nomic-embed-text is trained with these task prefixes and is markedly worse without them. */
    static String prefixed(String model, String text, boolean query) {
        if (!model.toLowerCase(Locale.ROOT).contains("nomic")) {
            return text;
        }
        return (query ? "search_query: " : "search_document: ") + text;
    }

    /** Embeds and stores the tagged ones of a chunk's images, in the chunk's transaction (called by ChunkWriting). */
    public void afterTagging(List<Image> written) {
        List<Image> tagged = written.stream()
                .filter(i -> i.getStatus() == ImageStatus.TAGGED && i.getDescription() != null).distinct().toList();
        embedAndSave(tagged, false);
    }

    /**
     * Gives the tagged images of a folder that have no embedding of the current model theirs, in batches, each
     * in a transaction of its own; returns how many got one. Called by a {@code stale} scan.
     */
    public int fillMissing(long folderId) {
        // A scan asks the servers again even if they lacked the model a moment ago: it may have been pulled since.
        missingModel = null;
        int filled = 0;
        while (true) {
            Optional<String> model = usableModel();
            if (model.isEmpty()) {
                return filled;
            }
            List<Long> ids = store.missing(folderId, model.get(), BATCH);
            if (ids.isEmpty()) {
                return filled;
            }
            List<Image> batch = ids.stream().map(images::find).flatMap(Optional::stream).toList();
            int saved = embedAndSave(batch, true);
            if (saved < ids.size()) {
                // The model went missing or the servers failed: the rest waits for the next stale scan.
                return filled + saved;
            }
            filled += saved;
        }
    }

    private int embedAndSave(List<Image> batch, boolean ownTransaction) {
        Optional<String> model = usableModel();
        if (model.isEmpty() || batch.isEmpty()) {
            return 0;
        }
        try {
            List<Long> ids = new ArrayList<>();
            List<VectorIndex.Quantized> vectors = new ArrayList<>();
            for (int from = 0; from < batch.size(); from += BATCH) {
                List<Image> part = batch.subList(from, Math.min(batch.size(), from + BATCH));
                List<String> texts = part.stream()
                        .map(i -> prefixed(model.get(), documentText(i.getDescription(), i.tagNames()), false)).toList();
                List<float[]> embedded = vision.embed(model.get(), texts);
                for (int n = 0; n < part.size(); n++) {
                    ids.add(part.get(n).getId());
                    vectors.add(VectorIndex.Quantized.of(embedded.get(n)));
                }
            }
            if (ownTransaction) {
                store.saveCommitted(ids, model.get(), vectors);
            } else {
                store.save(ids, model.get(), vectors);
            }
            problem = null;
            available(model.get());
            return ids.size();
        } catch (VisionModelMissingException missing) {
            missing(model.get(), missing);
            return 0;
        } catch (RuntimeException failed) {
            // Not the chunk's business: its images are tagged; they get embeddings from a later stale scan.
            problem = "embedding request failed at " + Instant.now() + ": " + failed.getMessage();
            LOG.log(Level.WARNING, "cannot embed {0} images: {1}", batch.size(), failed.toString());
            return 0;
        }
    }

    /**
     * The embedding of a search text, empty when search by meaning cannot work now (off, model missing, server
     * unreachable): the caller then searches by words.
     */
    public Optional<float[]> query(String text) {
        Optional<String> model = usableModel();
        if (model.isEmpty()) {
            return Optional.empty();
        }
        String key = model.get() + "\n" + text;
        synchronized (queries) {
            float[] known = queries.get(key);
            if (known != null) {
                return Optional.of(known);
            }
        }
        try {
            float[] vector = vision.embedQuery(model.get(), prefixed(model.get(), text, true));
            synchronized (queries) {
                queries.put(key, vector);
            }
            available(model.get());
            return Optional.of(vector);
        } catch (VisionModelMissingException missing) {
            missing(model.get(), missing);
            return Optional.empty();
        } catch (RuntimeException failed) {
            LOG.log(Level.WARNING, "search by meaning falls back to words: {0}", failed.toString());
            return Optional.empty();
        }
    }

    /** The model in force, unless the servers said a moment ago that they lack it. */
    private Optional<String> usableModel() {
        Optional<String> model = settings.embeddingModel();
        if (model.isPresent() && model.get().equals(missingModel) && System.nanoTime() - missingSince < MISSING_RECHECK_NANOS) {
            return Optional.empty();
        }
        return model;
    }

    private void missing(String model, VisionModelMissingException e) {
        if (!model.equals(missingModel)) {
            LOG.log(Level.WARNING, "embedding model {0} is missing: search by meaning falls back to words ({1})", model, e.getMessage());
        }
        missingModel = model;
        missingSince = System.nanoTime();
    }

    /** The model answered again (a later request worked): the warning goes. */
    void available(String model) {
        if (model.equals(missingModel)) {
            missingModel = null;
        }
    }
}
