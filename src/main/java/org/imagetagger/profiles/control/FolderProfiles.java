package org.imagetagger.profiles.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.control.TagStore;
import org.imagetagger.platform.Times;
import org.imagetagger.profiles.entity.FolderProfile;
import org.imagetagger.tagging.control.VisionService;
import org.imagetagger.tagging.entity.TagProfile;

/**
 * Folder profiles: stored, and resolved into what each request of a folder is asked with. Read for every image
 * a scan tags (one primary-key lookup, small next to a model request), so a change applies to the next image
 * on every instance.
 */
@ApplicationScoped
// Read from analysis threads of the managed executor too: without a transaction of its own, Payara's
// non-transactional EntityManager is closed under them.
@Transactional
public class FolderProfiles {

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    VisionService vision;

    @Inject
    ImageStore images;

    @Inject
    TagStore tags;

    /** A profile's fields as the API takes them; null fields follow the settings. */
    public record Fields(String context, String prompt, String language, String model, List<String> vocabulary,
                         boolean vocabularyOnly) {
        public static final Fields NONE = new Fields(null, null, null, null, List.of(), false);
    }

    public Optional<FolderProfile> find(long folderId) {
        return Optional.ofNullable(em.find(FolderProfile.class, folderId));
    }

    public Fields fields(long folderId) {
        return find(folderId).map(p -> new Fields(p.getContext(), p.getPrompt(), p.getLanguage(), p.getModel(),
                p.getVocabulary(), p.isVocabularyOnly())).orElse(Fields.NONE);
    }

    /** What an image of this folder is asked with; {@link TagProfile#NONE} for a folder without a profile. */
    public TagProfile of(long folderId) {
        Fields f = fields(folderId);
        return new TagProfile(f.context(), f.prompt(), f.language(), f.model(), f.vocabulary(), f.vocabularyOnly());
    }

    /** The fingerprint an image of this folder tagged now would get. */
    public String fingerprint(long folderId) {
        return vision.question(of(folderId)).fingerprint();
    }

    /** How many of the folder's tagged images were asked another question than the current one. */
    public long staleCount(long folderId) {
        return images.countWithStaleFingerprint(folderId, fingerprint(folderId));
    }

    /** Stores the profile, validated by the caller; hierarchical vocabulary entries give their tags a place. */
    @Transactional
    public Fields save(long folderId, Fields fields) {
        FolderProfile profile = em.find(FolderProfile.class, folderId);
        if (profile == null) {
            profile = new FolderProfile(folderId, Times.nowUtc());
            em.persist(profile);
        }
        profile.change(fields.context(), fields.prompt(), fields.language(), fields.model(), fields.vocabulary(),
                fields.vocabularyOnly(), Times.nowUtc());
        List<List<String>> paths = fields.vocabulary().stream().map(TagProfile::path).filter(p -> p.size() > 1).toList();
        tags.place(paths);
        return fields;
    }
}
