package org.imagetagger.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The WAR that `mvn package` built, with configuration overrides for one test class (e.g. the fake server's URL). */
public final class TestDeployments {

    private static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

    private TestDeployments() {
    }

    public static WebArchive war(Map<String, String> configOverrides) {
        Path built = Path.of(System.getProperty("tagger.war", "target/image-tagger.war"));
        WebArchive war = ShrinkWrap.create(ZipImporter.class, "image-tagger.war").importFrom(built.toFile()).as(WebArchive.class);
        StringBuilder config = new StringBuilder(read(war));
        config.append("\n# test overrides\n");
        configOverrides.forEach((key, value) -> config.append(key).append('=').append(value).append('\n'));
        war.delete(CONFIG);
        war.add(new StringAsset(config.toString()), CONFIG);
        return war;
    }

    private static String read(WebArchive war) {
        try (InputStream in = war.get(CONFIG).getAsset().openStream(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
