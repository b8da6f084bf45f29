package org.imagetagger.sidecar.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.internal.xmp.XMPConst;
import com.adobe.internal.xmp.XMPException;
import com.adobe.internal.xmp.XMPMeta;
import com.adobe.internal.xmp.XMPMetaFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmpSidecarTest {

    /** A sidecar as darktable or digiKam leave it: their own namespace, the user's keywords and caption. */
    private static final String FROM_ANOTHER_TOOL = """
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
             <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
              <rdf:Description rdf:about=""
                xmlns:darktable="http://darktable.sf.net/"
                xmlns:xmp="http://ns.adobe.com/xap/1.0/"
                xmlns:dc="http://purl.org/dc/elements/1.1/"
                darktable:xmp_version="5"
                xmp:Rating="4">
               <dc:subject>
                <rdf:Bag>
                 <rdf:li>Holiday</rdf:li>
                 <rdf:li>grandma</rdf:li>
                </rdf:Bag>
               </dc:subject>
              </rdf:Description>
             </rdf:RDF>
            </x:xmpmeta>
            """;

    @Test
    void newSidecarHasDescriptionAndKeywords() throws Exception {
        XMPMeta meta = parse(XmpSidecar.merge(null, "A dog on a beach.", List.of("dog", "beach"), List.of("rex")));
        assertEquals("A dog on a beach.", meta.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT).getValue());
        assertTrue(meta.getProperty(XMPConst.NS_DC, "description").getOptions().isArrayAltText(), "rdf:Alt");
        assertTrue(meta.getProperty(XMPConst.NS_DC, "subject").getOptions().isArray(), "rdf:Bag");
        assertEquals(List.of("rex", "dog", "beach"), items(meta, XMPConst.NS_DC, "subject"));
        assertEquals(List.of("dog", "beach"), items(meta, XmpSidecar.NS, "aiKeywords"));
        assertEquals(List.of("rex"), items(meta, XmpSidecar.NS, "manualKeywords"));
    }

    @Test
    void writingTwiceGivesTheSameBytes() throws Exception {
        byte[] first = XmpSidecar.merge(FROM_ANOTHER_TOOL.getBytes(StandardCharsets.UTF_8), "A dog.", List.of("dog", "sand"), List.of());
        byte[] second = XmpSidecar.merge(first, "A dog.", List.of("dog", "sand"), List.of());
        byte[] third = XmpSidecar.merge(second, "A dog.", List.of("dog", "sand"), List.of());
        assertArrayEquals(first, second);
        assertArrayEquals(second, third);
        assertEquals(List.of("Holiday", "grandma", "dog", "sand"), items(parse(third), XMPConst.NS_DC, "subject"),
                "the model's keywords are not appended again");
    }

    @Test
    void keepsOtherNamespacesAndUserKeywordsAndReplacesOldModelKeywords() throws Exception {
        byte[] first = XmpSidecar.merge(FROM_ANOTHER_TOOL.getBytes(StandardCharsets.UTF_8), "A dog.", List.of("dog", "sand"), List.of());
        // The user adds a keyword in another tool between two runs; then the model answers differently.
        XMPMeta edited = parse(first);
        edited.appendArrayItem(XMPConst.NS_DC, "subject", null, "favourite", null);
        byte[] second = XmpSidecar.merge(XMPMetaFactory.serializeToBuffer(edited, null), "A cat.", List.of("cat", "Holiday"), List.of());

        XMPMeta meta = parse(second);
        assertEquals(List.of("Holiday", "grandma", "favourite", "cat"), items(meta, XMPConst.NS_DC, "subject"));
        assertEquals(List.of("cat"), items(meta, XmpSidecar.NS, "aiKeywords"), "a keyword the user has is not claimed by the model");
        assertEquals("5", meta.getPropertyString("http://darktable.sf.net/", "xmp_version"));
        assertEquals("4", meta.getPropertyString(XMPConst.NS_XMP, "Rating"));
        assertEquals("A cat.", meta.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT).getValue(),
                "our own earlier description is replaced");
    }

    @Test
    void aDescriptionSomeoneElseWroteStays() throws Exception {
        XMPMeta user = XMPMetaFactory.create();
        user.setLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT, "Grandma's 80th birthday");
        byte[] merged = XmpSidecar.merge(XMPMetaFactory.serializeToBuffer(user, null), "People at a table.", List.of("cake"), List.of());
        XMPMeta meta = parse(merged);
        assertEquals("Grandma's 80th birthday", meta.getLocalizedText(XMPConst.NS_DC, "description", "", XMPConst.X_DEFAULT).getValue());
        assertEquals(new XmpSidecar.UserMetadata("Grandma's 80th birthday", List.of()), XmpSidecar.userMetadata(merged));
    }

    @Test
    void userMetadataLeavesOutWhatWeWrote() throws Exception {
        byte[] merged = XmpSidecar.merge(FROM_ANOTHER_TOOL.getBytes(StandardCharsets.UTF_8), "A dog.", List.of("dog"), List.of("rex"));
        XmpSidecar.UserMetadata user = XmpSidecar.userMetadata(merged);
        assertEquals(List.of("Holiday", "grandma"), user.keywords());
        assertNull(user.description());
    }

    @Test
    void aManualTagRemovedInTheCatalogLeavesTheSidecarButOtherToolsKeywordsStay() throws Exception {
        byte[] first = XmpSidecar.merge(FROM_ANOTHER_TOOL.getBytes(StandardCharsets.UTF_8), "A dog.", List.of("dog"), List.of("rex", "grandma"));
        assertEquals(List.of("Holiday", "grandma", "rex", "dog"), items(parse(first), XMPConst.NS_DC, "subject"));
        assertEquals(List.of("rex"), items(parse(first), XmpSidecar.NS, "manualKeywords"), "grandma was the other tool's already");
        byte[] second = XmpSidecar.merge(first, "A dog.", List.of(), List.of("beach"));
        assertEquals(List.of("Holiday", "grandma", "beach"), items(parse(second), XMPConst.NS_DC, "subject"));
        assertEquals(List.of("beach"), items(parse(second), XmpSidecar.NS, "manualKeywords"));
        assertArrayEquals(second, XmpSidecar.merge(second, "A dog.", List.of(), List.of("beach")));
    }

    @Test
    void aBrokenSidecarIsNotOverwritten() {
        assertThrows(XMPException.class, () -> XmpSidecar.merge("<x:xmpmeta".getBytes(StandardCharsets.UTF_8), "d", List.of("a"), List.of()));
    }

    private static XMPMeta parse(byte[] xmp) throws XMPException {
        return XMPMetaFactory.parseFromBuffer(xmp);
    }

    private static List<String> items(XMPMeta meta, String ns, String array) throws XMPException {
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= meta.countArrayItems(ns, array); i++) {
            items.add(meta.getArrayItem(ns, array, i).getValue());
        }
        return items;
    }

    @Test
    void hierarchicalKeywordsGoToLightroomAndDigiKamListsAndOnlyTheUsersAreReadBack() throws Exception {
        String lightroom = """
                <x:xmpmeta xmlns:x="adobe:ns:meta/">
                 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                  <rdf:Description rdf:about="" xmlns:lr="http://ns.adobe.com/lightroom/1.0/"
                    xmlns:dc="http://purl.org/dc/elements/1.1/">
                   <dc:subject><rdf:Bag><rdf:li>Crete</rdf:li></rdf:Bag></dc:subject>
                   <lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|Greece|Crete</rdf:li></rdf:Bag></lr:hierarchicalSubject>
                  </rdf:Description>
                 </rdf:RDF>
                </x:xmpmeta>""";
        assertEquals(List.of("Places/Greece/Crete"),
                XmpSidecar.userMetadata(lightroom.getBytes(StandardCharsets.UTF_8)).hierarchies());

        byte[] merged = XmpSidecar.merge(lightroom.getBytes(StandardCharsets.UTF_8), "A dog.", List.of("dog"), List.of(),
                List.of("animals/dog"));
        XMPMeta meta = parse(merged);
        assertEquals("Places|Greece|Crete", meta.getArrayItem(XmpSidecar.NS_LIGHTROOM, "hierarchicalSubject", 1).getValue());
        assertEquals("animals|dog", meta.getArrayItem(XmpSidecar.NS_LIGHTROOM, "hierarchicalSubject", 2).getValue());
        assertEquals("Places/Greece/Crete", meta.getArrayItem(XmpSidecar.NS_DIGIKAM, "TagsList", 1).getValue());
        assertEquals("animals/dog", meta.getArrayItem(XmpSidecar.NS_DIGIKAM, "TagsList", 2).getValue());
        assertTrue(meta.getPropertyString(XMPConst.NS_DC, "subject[2]").equals("dog"), "the leaf is a dc:subject keyword");
        assertEquals(List.of("Places/Greece/Crete"), XmpSidecar.userMetadata(merged).hierarchies(), "ours are not the user's");
        assertArrayEquals(merged, XmpSidecar.merge(merged, "A dog.", List.of("dog"), List.of(), List.of("animals/dog")));

        XMPMeta gone = parse(XmpSidecar.merge(merged, "A cat.", List.of("cat"), List.of(), List.of()));
        assertEquals(1, gone.countArrayItems(XmpSidecar.NS_LIGHTROOM, "hierarchicalSubject"), "our old path is replaced");
    }
}
