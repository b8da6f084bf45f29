package org.imagetagger.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CrossSiteRequestFilterTest {

    @Test
    void scriptsAndTheUiItselfPass() {
        assertFalse(CrossSiteRequestFilter.isCrossSite(null, null, "nas:8080"), "curl, the ITs");
        assertFalse(CrossSiteRequestFilter.isCrossSite("same-origin", "http://nas:8080", "nas:8080"), "the UI");
        assertFalse(CrossSiteRequestFilter.isCrossSite(null, "http://NAS:8080", "nas:8080"), "an older browser, same origin");
        assertFalse(CrossSiteRequestFilter.isCrossSite(null, "https://photos.example", "photos.example:443"), "default port");
        assertFalse(CrossSiteRequestFilter.isCrossSite("none", null, "nas:8080"), "typed in the address bar");
    }

    @Test
    void anotherSiteIsRefused() {
        assertTrue(CrossSiteRequestFilter.isCrossSite("cross-site", "https://evil.example", "nas:8080"));
        assertTrue(CrossSiteRequestFilter.isCrossSite("same-site", "http://other.nas:8080", "nas:8080"), "a sibling host");
        assertTrue(CrossSiteRequestFilter.isCrossSite(null, "https://evil.example", "nas:8080"), "Origin only");
        assertTrue(CrossSiteRequestFilter.isCrossSite(null, "http://nas:8081", "nas:8080"), "another port");
        assertTrue(CrossSiteRequestFilter.isCrossSite(null, "null", "nas:8080"), "a sandboxed page or file://");
        assertTrue(CrossSiteRequestFilter.isCrossSite(null, "::not a uri::", "nas:8080"));
        assertTrue(CrossSiteRequestFilter.isCrossSite("cross-site", null, "nas:8080"), "Sec-Fetch-Site only");
    }
}
