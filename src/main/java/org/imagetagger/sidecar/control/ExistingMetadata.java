package org.imagetagger.sidecar.control;

import com.adobe.internal.xmp.XMPException;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.iptc.IptcDirectory;
import com.drew.metadata.xmp.XmpDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keywords and a description a library already carries: IPTC keywords and caption and XMP dc:subject and
 * dc:description in the file (read with metadata-extractor), and those of an existing sidecar, leaving out
 * what our own earlier sidecar marks as the model's. A sidecar's description wins over the file's, XMP over
 * IPTC. Never fails: unreadable metadata is simply none.
 */
@ApplicationScoped
public class ExistingMetadata {

    private static final System.Logger LOG = System.getLogger(ExistingMetadata.class.getName());
    private static final XmpSidecar.UserMetadata NONE = new XmpSidecar.UserMetadata(null, List.of());

    @Inject
    SidecarSettings settings;

    public XmpSidecar.UserMetadata read(Path file) {
        return read(file, null);
    }

    /**
     * The same, with what the file itself carries already read by the analysis ({@code embedded}, null when it was
     * not: the file is read then), so that a tagged file is not opened again for its keywords.
     */
    public XmpSidecar.UserMetadata read(Path file, XmpSidecar.UserMetadata embedded) {
        List<XmpSidecar.UserMetadata> found = new ArrayList<>();
        for (Path sidecar : SidecarLocation.candidates(file, settings.dir())) {
            found.add(fromSidecar(sidecar));
        }
        found.add(embedded != null ? embedded : embedded(file));
        Set<String> keywords = new LinkedHashSet<>();
        Set<String> hierarchies = new LinkedHashSet<>();
        String description = null;
        for (XmpSidecar.UserMetadata metadata : found) {
            keywords.addAll(metadata.keywords());
            hierarchies.addAll(metadata.hierarchies());
            description = description != null ? description : metadata.description();
        }
        return new XmpSidecar.UserMetadata(description, List.copyOf(keywords), List.copyOf(hierarchies));
    }

    static XmpSidecar.UserMetadata embedded(Path file) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "no metadata read from {0}: {1}", file, e);
            return NONE;
        }
        return embedded(metadata, file);
    }

    /** Keywords and caption of metadata already parsed (IPTC and XMP in the file); {@code file} only names it in the log. */
    public static XmpSidecar.UserMetadata embedded(Metadata metadata, Object file) {
        if (metadata == null) {
            return NONE;
        }
        List<String> keywords = new ArrayList<>();
        List<String> hierarchies = new ArrayList<>();
        String description = null;
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            try {
                XmpSidecar.UserMetadata user = XmpSidecar.userMetadata(xmp.getXMPMeta());
                keywords.addAll(user.keywords());
                hierarchies.addAll(user.hierarchies());
                description = description != null ? description : user.description();
            } catch (XMPException | RuntimeException unreadable) {
                LOG.log(Level.DEBUG, "embedded XMP of {0} unreadable: {1}", file, unreadable);
            }
        }
        for (IptcDirectory iptc : metadata.getDirectoriesOfType(IptcDirectory.class)) {
            List<String> iptcKeywords = iptc.getKeywords();
            if (iptcKeywords != null) {
                keywords.addAll(iptcKeywords);
            }
            String caption = iptc.getString(IptcDirectory.TAG_CAPTION);
            description = description != null || caption == null || caption.isBlank() ? description : caption.strip();
        }
        return new XmpSidecar.UserMetadata(description, List.copyOf(keywords), List.copyOf(hierarchies));
    }

    static XmpSidecar.UserMetadata fromSidecar(Path sidecar) {
        if (!Files.isRegularFile(sidecar)) {
            return NONE;
        }
        try {
            return XmpSidecar.userMetadata(Files.readAllBytes(sidecar));
        } catch (Exception unreadable) {
            LOG.log(Level.DEBUG, "sidecar {0} unreadable: {1}", sidecar, unreadable);
            return NONE;
        }
    }
}
