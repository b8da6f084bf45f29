package org.imagetagger.sidecar.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.imagetagger.platform.SettingOverrides;

/** Whether and where XMP sidecars are written: the stored setting when there is one, else MicroProfile Config. */
@ApplicationScoped
public class SidecarSettings {

    public static final String ENABLED = "tagger.sidecars.enabled";
    public static final String DIR = "tagger.sidecars.dir";

    @Inject
    SettingOverrides overrides;

    /** Write an XMP sidecar for each tagged image. */
    @Inject
    @ConfigProperty(name = ENABLED, defaultValue = "false")
    boolean enabled;

    /** Where sidecars of images in folders the server cannot write go (the image's absolute path mirrored below it). */
    @Inject
    @ConfigProperty(name = DIR)
    Optional<String> dir;

    public boolean enabled() {
        return overrides.get(ENABLED).map(v -> Boolean.parseBoolean(v.strip())).orElse(enabled);
    }

    public Optional<Path> dir() {
        return overrides.get(DIR).or(() -> dir).map(String::strip).filter(d -> !d.isEmpty()).map(Path::of);
    }
}
