package org.imagetagger.scan.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imagetagger.catalog.control.ImageStore;
import org.imagetagger.catalog.entity.Image;
import org.imagetagger.catalog.entity.ImageStatus;

/** The catalog side of {@link CatalogueFirst}: which planned files are new, and their PENDING rows, each in a short transaction of its own. */
@ApplicationScoped
public class PendingImages {

    private static final System.Logger LOG = System.getLogger(PendingImages.class.getName());

    @PersistenceContext(unitName = "tagger")
    EntityManager em;

    @Inject
    ImageStore images;

    /** The page's files without a row, less those that may be a MISSING image moved here (same byte size). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Path> uncatalogued(List<Path> page) {
        Map<String, Image> known = images.findByPaths(page);
        List<Path> fresh = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        List<Long> freshSizes = new ArrayList<>();
        for (Path file : page) {
            if (!known.containsKey(file.toString())) {
                try {
                    long size = Files.size(file);
                    fresh.add(file);
                    freshSizes.add(size);
                    sizes.add(size);
                } catch (IOException gone) {
                    LOG.log(Level.DEBUG, "not catalogued ahead: {0}: {1}", file, gone.toString());
                }
            }
        }
        if (fresh.isEmpty()) {
            return fresh;
        }
        Set<Long> missingSizes = new HashSet<>(em.createQuery(
                        "SELECT DISTINCT i.sizeBytes FROM Image i WHERE i.status = :missing AND i.sizeBytes IN :sizes", Long.class)
                .setParameter("missing", ImageStatus.MISSING)
                .setParameter("sizes", sizes.stream().distinct().toList())
                .getResultList());
        List<Path> result = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            if (!missingSizes.contains(freshSizes.get(i))) {
                result.add(fresh.get(i));
            }
        }
        return result;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int add(long folderId, List<CatalogueFirst.Head> heads) {
        for (CatalogueFirst.Head head : heads) {
            Image image = new Image(folderId, head.file());
            image.recordFile(head.sizeBytes(), head.modifiedAt(), null);
            if (head.size() != null) {
                image.recordPicture(head.size().width(), head.size().height(), head.exif());
            }
            images.add(image);
        }
        return heads.size();
    }

}
