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
 * {@code dc:subject} (rdf:Bag). Which keywords and which description came from the model, and which keywords
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

    static {
        try {
            XMPMetaFactory.getSchemaRegistry().registerNamespace(NS, PREFIX);
        } catch (XMPException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** What someone other than the model put into the XMP. */
    public record UserMetadata(String description, List<String> keywords) {
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
        return new UserMetadata(description, List.copyOf(keywords));
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
        meta.deleteProperty(namespace, array);
        PropertyOptions bag = new PropertyOptions().setArray(true);
        for (String value : values) {
            meta.appendArrayItem(namespace, array, bag, value, null);
        }
    }
}
