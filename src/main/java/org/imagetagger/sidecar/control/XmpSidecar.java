package org.imagetagger.sidecar.control;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import com.adobe.internal.xmp.options.PropertyOptions;
import com.adobe.internal.xmp.options.SerializeOptions;
import com.adobe.internal.xmp.properties.XMPProperty;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The XMP we write, merged into what is there: {@code dc:description} (rdf:Alt, x-default) and
 * {@code dc:subject} (rdf:Bag); for keywords with a place in a hierarchy also Lightroom's
 * {@code lr:hierarchicalSubject} ({@code Animals|Dog}) and digiKam's {@code digiKam:TagsList} ({@code Animals/Dog}). Which keywords and which description came from the model, and which keywords
 * we added as the catalog's manual tags, is recorded in our namespace ({@code imagetagger:aiKeywords},
 * {@code imagetagger:manualKeywords}, {@code imagetagger:aiDescription}), so the next write replaces exactly
 * those and keeps everything else: other namespaces, keywords and a description someone else wrote.
 * Serialised sorted, without a packet wrapper, so the same input always gives the same bytes.
 */
public final class XmpSidecar {

    public static final String NS = "http://ns.imagetagger.org/xmp/1.0/";
    public static final String PREFIX = "imagetagger";
    private static final String AI_KEYWORDS = "aiKeywords";
    private static final String MANUAL_KEYWORDS = "manualKeywords";
    private static final String AI_DESCRIPTION = "aiDescription";
    private static final String SUBJECT = "subject";
    private static final String DESCRIPTION = "description";
    private static final String HIERARCHY = "hierarchy";
    public static final String NS_LIGHTROOM = "http://ns.adobe.com/lightroom/1.0/";
    public static final String NS_DIGIKAM = "http://www.digikam.org/ns/1.0/";
    private static final String LR_HIERARCHICAL = "hierarchicalSubject";
    private static final String DIGIKAM_TAGS = "TagsList";

    static {
        try {
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS, PREFIX);
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_LIGHTROOM, "lr");
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS_DIGIKAM, "digiKam");
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * What someone other than the model put into the XMP; {@code hierarchies} are keyword paths with {@code /}
     * ({@code Animals/Dog}) from Lightroom's and digiKam's lists.
     */
    public record UserMetadata(String description, List<String> keywords, List<String> hierarchies) {

        public UserMetadata(String description, List<String> keywords) {
            this(description, keywords, List.of());
        }
    }

    private XmpSidecar() {
    }

    /**
     * @param existing the sidecar's bytes, null when there is none
     * @param description the model's description (null: leave the description alone)
     * @param aiKeywords the model's tags
     * @param manualKeywords tags set by hand (kept like any keyword a user wrote)
     */
    public static byte[] merge(byte[] existing, String description, Collection<String> aiKeywords,
                               Collection<String> manualKeywords) throws XMPException {
        return merge(existing, description, aiKeywords, manualKeywords, List.of());
    }

    /**
     * @param hierarchies paths of the keywords that have a place in a hierarchy, with {@code /}
     *                    ({@code animals/dog}); written to the Lightroom and digiKam lists beside the ones already
     *                    there, replacing those we wrote before
     */
    public static byte[] merge(byte[] existing, String description, Collection<String> aiKeywords,
                               Collection<String> manualKeywords, Collection<String> hierarchies) throws XMPException {
        XMPMeta meta = existing == null || existing.length == 0 ? XMPMetaFactory.create() : XMPMetaFactory.parseFromBuffer(existing);
        List<String> keywords = othersKeywords(meta);
        Set<String> present = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        present.addAll(keywords);
        List<String> addedManual = new ArrayList<>();
        for (String manual : manualKeywords) {
            if (present.add(manual)) {
                keywords.add(manual);
                addedManual.add(manual);
            }
        }
        List<String> added = new ArrayList<>();
        for (String ai : aiKeywords) {
            if (present.add(ai)) {
                keywords.add(ai);
                added.add(ai);
            }
        }
        replaceBag(meta, XMPConst.NS_DC, SUBJECT, keywords);
        replaceBag(meta, NS, AI_KEYWORDS, added);
        replaceBag(meta, NS, MANUAL_KEYWORDS, addedManual);
        List<String> paths = othersHierarchies(meta);
        Set<String> presentPaths = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        presentPaths.addAll(paths);
        List<String> addedPaths = new ArrayList<>();
        for (String path : hierarchies) {
            if (presentPaths.add(path)) {
                paths.add(path);
                addedPaths.add(path);
            }
        }
        replaceBag(meta, NS_LIGHTROOM, LR_HIERARCHICAL, paths.stream().map(p -> p.replace('/', '|')).toList());
        replaceArray(meta, NS_DIGIKAM, DIGIKAM_TAGS, paths, new PropertyOptions().setArray(true).setArrayOrdered(true));
        replaceBag(meta, NS, HIERARCHY, addedPaths);
        if (description != null) {
            String current = xDefaultDescription(meta);
            if (current == null || current.equals(meta.getPropertyString(NS, AI_DESCRIPTION))) {
                meta.setLocalizedText(XMPConst.NS_DC, DESCRIPTION, "", XMPConst.X_DEFAULT, description);
            }
            meta.setProperty(NS, AI_DESCRIPTION, description);
        }
        return XMPMetaFactory.serializeToBuffer(meta, new SerializeOptions().setOmitPacketWrapper(true).setSort(true));
    }

    /** Keywords and description in the XMP that we did not write (by our own record of what we wrote). */
    public static UserMetadata userMetadata(XMPMeta meta) throws XMPException {
        List<String> keywords = othersKeywords(meta);
        String description = xDefaultDescription(meta);
        if (description != null && (description.isBlank() || description.equals(meta.getPropertyString(NS, AI_DESCRIPTION)))) {
            description = null;
        }
        return new UserMetadata(description, List.copyOf(keywords), List.copyOf(othersHierarchies(meta)));
    }

    public static UserMetadata userMetadata(byte[] xmp) throws XMPException {
        return userMetadata(XMPMetaFactory.parseFromBuffer(xmp));
    }

    /** The keywords without the ones our last write added. */
    private static List<String> othersKeywords(XMPMeta meta) throws XMPException {
        List<String> keywords = new ArrayList<>(items(meta, XMPConst.NS_DC, SUBJECT));
        keywords.removeAll(items(meta, NS, AI_KEYWORDS));
        keywords.removeAll(items(meta, NS, MANUAL_KEYWORDS));
        return keywords;
    }

    /** Hierarchical keywords with {@code /}, from Lightroom's and digiKam's lists, without the ones we wrote. */
    private static List<String> othersHierarchies(XMPMeta meta) throws XMPException {
        Set<String> paths = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> ordered = new ArrayList<>();
        for (String path : items(meta, NS_LIGHTROOM, LR_HIERARCHICAL)) {
            if (paths.add(path.replace('|', '/'))) {
                ordered.add(path.replace('|', '/'));
            }
        }
        for (String path : items(meta, NS_DIGIKAM, DIGIKAM_TAGS)) {
            if (paths.add(path)) {
                ordered.add(path);
            }
        }
        Set<String> ours = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        ours.addAll(items(meta, NS, HIERARCHY));
        ordered.removeIf(ours::contains);
        return ordered;
    }

    private static String xDefaultDescription(XMPMeta meta) throws XMPException {
        XMPProperty text = meta.getLocalizedText(XMPConst.NS_DC, DESCRIPTION, "", XMPConst.X_DEFAULT);
        return text == null ? null : text.getValue();
    }

    private static List<String> items(XMPMeta meta, String namespace, String array) throws XMPException {
        List<String> items = new ArrayList<>();
        if (!meta.doesPropertyExist(namespace, array)) {
            return items;
        }
        int count = meta.countArrayItems(namespace, array);
        for (int i = 1; i <= count; i++) {
            XMPProperty item = meta.getArrayItem(namespace, array, i);
            if (item != null && item.getValue() != null && !item.getValue().isBlank()) {
                items.add(item.getValue().strip());
            }
        }
        return items;
    }

    private static void replaceBag(XMPMeta meta, String namespace, String array, List<String> values) throws XMPException {
        replaceArray(meta, namespace, array, values, new PropertyOptions().setArray(true));
    }

    private static void replaceArray(XMPMeta meta, String namespace, String array, List<String> values,
                                     PropertyOptions form) throws XMPException {
        meta.deleteProperty(namespace, array);
        for (String value : values) {
            meta.appendArrayItem(namespace, array, form, value, null);
        }
    }
}
