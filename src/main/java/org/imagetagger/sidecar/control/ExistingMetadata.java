package org.imagetagger.sidecar.control;

import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
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
 * Keywords a library already carries: IPTC and XMP keywords in the file (read with metadata-extractor) and
 * the keywords of an existing sidecar, leaving out the ones our own earlier sidecar marks as the model's.
 * Never fails: unreadable metadata is simply none.
 */
@ApplicationScoped
public class ExistingMetadata {

    private static final System.Logger LOG = System.getLogger(ExistingMetadata.class.getName());

    @Inject
    SidecarSettings settings;

    public List<String> keywords(Path file) {
        Set<String> keywords = new LinkedHashSet<>(embeddedKeywords(file));
        for (Path sidecar : SidecarLocation.candidates(file, settings.dir())) {
            keywords.addAll(sidecarKeywords(sidecar));
        }
        return List.copyOf(keywords);
    }

    static List<String> embeddedKeywords(Path file) {
        List<String> keywords = new ArrayList<>();
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "no metadata read from {0}: {1}", file, e);
            return keywords;
        }
        for (IptcDirectory iptc : metadata.getDirectoriesOfType(IptcDirectory.class)) {
            List<String> iptcKeywords = iptc.getKeywords();
            if (iptcKeywords != null) {
                keywords.addAll(iptcKeywords);
            }
        }
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            XMPMeta meta = xmp.getXMPMeta();
            try {
                keywords.addAll(XmpSidecar.userMetadata(meta).keywords());
            } catch (XMPException | RuntimeException unreadable) {
                LOG.log(Level.DEBUG, "embedded XMP of {0} unreadable: {1}", file, unreadable);
            }
        }
        return keywords;
    }

    static List<String> sidecarKeywords(Path sidecar) {
        if (!Files.isRegularFile(sidecar)) {
            return List.of();
        }
        try {
            return XmpSidecar.userMetadata(Files.readAllBytes(sidecar)).keywords();
        } catch (Exception unreadable) {
            LOG.log(Level.DEBUG, "sidecar {0} unreadable: {1}", sidecar, unreadable);
            return List.of();
        }
    }
}
